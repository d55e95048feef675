package io.bodycam.bench.faults.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bodycam.backend.http.HttpFaults;
import java.time.Duration;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;

/**
 * The evidence server's injected faults in the control API:
 * {@code {"errorShare","errorStatus","delayMs","lostShare","lostResponse","counts":{...}}}. A POST
 * names only what it changes.
 */
final class BackendFaultsJson {

    private static final Set<String> FIELDS = Set.of("errorShare", "errorStatus", "delayMs", "lostShare", "lostResponse");

    private BackendFaultsJson() {
    }

    static ObjectNode write(HttpFaults.Settings s, HttpFaults.Counts c) {
        ObjectNode n = ToxicJson.JSON.createObjectNode();
        n.put("errorShare", s.errorShare());
        n.put("errorStatus", s.errorStatus());
        n.put("delayMs", s.delay().toMillis());
        n.put("lostShare", s.lostShare());
        n.put("lostResponse", s.lostResponse().name().toLowerCase(Locale.ROOT));
        ObjectNode counts = n.putObject("counts");
        counts.put("errors", c.errors());
        counts.put("lostResponses", c.lostResponses());
        counts.put("delayed", c.delayed());
        return n;
    }

    /**
     * {@code current} with the fields of {@code body} applied.
     *
     * @throws IllegalArgumentException for an unknown field or a bad value, naming it
     */
    static HttpFaults.Settings merge(HttpFaults.Settings current, JsonNode body) {
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!FIELDS.contains(k)) {
                throw new IllegalArgumentException("unknown field '" + k + "'; known: " + FIELDS);
            }
        }
        double errorShare = number(body, "errorShare", current.errorShare());
        int errorStatus = (int) number(body, "errorStatus", current.errorStatus());
        Duration delay = Duration.ofMillis((long) number(body, "delayMs", current.delay().toMillis()));
        double lostShare = number(body, "lostShare", current.lostShare());
        HttpFaults.LostResponse mode = current.lostResponse();
        JsonNode m = body.get("lostResponse");
        if (m != null) {
            try {
                mode = HttpFaults.LostResponse.valueOf(m.asText().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("lostResponse must be close or hang, was '" + m.asText() + "'");
            }
        }
        return new HttpFaults.Settings(errorShare, errorStatus, delay, lostShare, mode);
    }

    private static double number(JsonNode body, String field, double fallback) {
        JsonNode v = body.get(field);
        if (v == null) {
            return fallback;
        }
        if (!v.isNumber()) {
            throw new IllegalArgumentException(field + " must be a number");
        }
        return v.asDouble();
    }
}
