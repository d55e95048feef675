package io.bodycam.sim.replay;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.bodycam.sim.link.Proof;
import io.bodycam.sim.link.ProofVerdict;
import io.bodycam.sim.upload.DeviceConfigResponse;
import io.bodycam.sim.upload.TimeSample;
import io.bodycam.sim.upload.Verification;
import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionException;

/** How the evidence link's answers are written in an input line, and read back by the player. */
final class InputValues {

    private InputValues() {
    }

    /**
     * A failure as the firmware reads it: the cause's message, or its class name when it has none (the firmware's
     * own reading, {@code camera.internal.Failure}, is not for use outside the camera).
     */
    static String failure(Throwable t) {
        Throwable c = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
        return c.getMessage() != null ? c.getMessage() : c.getClass().getSimpleName();
    }

    static void write(JsonGenerator g, TimeSample s) throws IOException {
        g.writeStartArray();
        g.writeNumber(s.serverEpochMillis());
        g.writeNumber(s.roundTripMillis());
        g.writeNumber(s.receivedAt());
        g.writeEndArray();
    }

    static TimeSample time(JsonNode v) {
        return new TimeSample(v.get(0).asLong(), v.get(1).asLong(), v.get(2).asLong());
    }

    static void write(JsonGenerator g, DeviceConfigResponse r) throws IOException {
        g.writeStartObject();
        g.writeNumberField("version", r.version());
        g.writeObjectFieldStart("config");
        for (Map.Entry<String, String> e : r.config().entrySet()) {
            g.writeStringField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
        if (r.firmware() != null) {
            g.writeStringField("firmware", r.firmware());
        }
        g.writeEndObject();
    }

    static DeviceConfigResponse config(JsonNode v) {
        Map<String, String> config = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = v.path("config").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            config.put(e.getKey(), e.getValue().asText());
        }
        return new DeviceConfigResponse(v.path("version").asLong(), config,
                v.hasNonNull("firmware") ? v.get("firmware").asText() : null);
    }

    static void write(JsonGenerator g, Verification v) throws IOException {
        g.writeStartObject();
        g.writeStringField("deviceId", v.deviceId());
        g.writeStringField("segmentId", v.segmentId());
        g.writeStringField("status", v.status().name());
        g.writeStringField("recordingId", v.recordingId());
        g.writeStringField("sha256", v.sha256());
        g.writeNumberField("bytes", v.bytes());
        g.writeNumberField("copies", v.copies());
        g.writeEndObject();
    }

    static Verification verification(JsonNode v) {
        return new Verification(v.path("deviceId").asText(), v.path("segmentId").asText(),
                Verification.Status.valueOf(v.path("status").asText()), v.path("recordingId").asText(),
                v.path("sha256").asText(), v.path("bytes").asLong(), v.path("copies").asInt());
    }

    static void write(JsonGenerator g, ProofVerdict p) throws IOException {
        g.writeStartObject();
        g.writeStringField("kind", p.getClass().getSimpleName());
        if (p.proof() != null) {
            g.writeStringField("proof", p.proof().name());
        }
        if (p instanceof ProofVerdict.Proved v) {
            g.writeStringField("sha256", v.sha256());
        } else if (p instanceof ProofVerdict.ProvedBad v) {
            g.writeStringField("sha256", v.sha256());
        }
        g.writeStringField("detail", p.detail());
        g.writeEndObject();
    }

    static ProofVerdict verdict(JsonNode v) {
        Proof proof = v.hasNonNull("proof") ? Proof.valueOf(v.get("proof").asText()) : null;
        String detail = v.path("detail").asText();
        return switch (v.path("kind").asText()) {
            case "Proved" -> new ProofVerdict.Proved(proof, v.path("sha256").asText(), detail);
            case "ProvedBad" -> new ProofVerdict.ProvedBad(proof, v.path("sha256").asText(), detail);
            case "Unprovable" -> new ProofVerdict.Unprovable(proof, detail);
            case "NotStored" -> new ProofVerdict.NotStored(detail);
            default -> throw new IllegalArgumentException("not a proof verdict: " + v);
        };
    }
}
