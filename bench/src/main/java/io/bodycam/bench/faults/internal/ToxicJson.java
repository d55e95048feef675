package io.bodycam.bench.faults.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bodycam.bench.faults.Direction;
import io.bodycam.bench.faults.FaultProxy;
import io.bodycam.bench.faults.ProxyStats;
import io.bodycam.bench.faults.Toxic;
import io.bodycam.bench.faults.ToxicKind;
import java.time.Duration;
import java.util.Iterator;
import java.util.Set;

/**
 * Toxics and proxies as the control API writes and reads them, in Toxiproxy's JSON shapes:
 * {@code {"name","type","stream","toxicity","attributes":{...}}} with Toxiproxy's attribute names and
 * units (latency and timeouts in ms, bandwidth {@code rate} in KB/s, slicer {@code delay} in µs).
 */
final class ToxicJson {

    static final ObjectMapper JSON = new ObjectMapper();

    private ToxicJson() {
    }

    static ObjectNode toxic(Toxic t) {
        ObjectNode n = JSON.createObjectNode();
        n.put("name", t.name());
        n.put("type", t.kind().type());
        n.put("stream", t.stream().wireName());
        n.put("toxicity", t.toxicity());
        ObjectNode a = n.putObject("attributes");
        ToxicKind k = t.kind();
        if (k instanceof ToxicKind.Latency l) {
            a.put("latency", l.latency().toMillis());
            a.put("jitter", l.jitter().toMillis());
        } else if (k instanceof ToxicKind.Bandwidth b) {
            a.put("rate", b.bytesPerSecond() / 1000.0);
        } else if (k instanceof ToxicKind.Slicer s) {
            a.put("average_size", s.averageSize());
            a.put("size_variation", s.sizeVariation());
            a.put("delay", s.delay().toNanos() / 1000);
        } else if (k instanceof ToxicKind.ResetPeer r) {
            a.put("timeout", r.timeout().toMillis());
        } else if (k instanceof ToxicKind.Timeout to) {
            a.put("timeout", to.timeout().toMillis());
        } else if (k instanceof ToxicKind.LimitData d) {
            a.put("bytes", d.bytes());
        }
        return n;
    }

    static ObjectNode proxy(FaultProxy p) {
        ObjectNode n = JSON.createObjectNode();
        n.put("name", p.name());
        n.put("listen", "127.0.0.1:" + p.port());
        n.put("upstream", p.upstream().getHostString() + ":" + p.upstream().getPort());
        n.put("enabled", p.enabled());
        var toxics = n.putArray("toxics");
        p.toxics().forEach(t -> toxics.add(toxic(t)));
        ProxyStats s = p.stats();
        ObjectNode stats = n.putObject("stats");
        stats.put("open", s.open());
        stats.put("accepted", s.accepted());
        stats.put("refused", s.refused());
        stats.put("upstreamFailed", s.upstreamFailed());
        stats.put("reset", s.reset());
        stats.put("closedByToxic", s.closedByToxic());
        stats.put("bytesUpstream", s.bytesUpstream());
        stats.put("bytesDownstream", s.bytesDownstream());
        return n;
    }

    /**
     * A toxic from its JSON; {@code stream} defaults to downstream, {@code toxicity} to 1, the name to
     * {@code <type>_<stream>}, as in Toxiproxy.
     *
     * @throws IllegalArgumentException saying what is wrong, for a 400 answer
     */
    static Toxic parse(JsonNode n) {
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("a toxic must be a JSON object {name, type, stream, toxicity, attributes}");
        }
        only(n, Set.of("name", "type", "stream", "toxicity", "attributes"), "toxic");
        String type = text(n, "type", null);
        if (type == null) {
            throw new IllegalArgumentException("a toxic needs a \"type\": latency, bandwidth, slicer, reset_peer, timeout, "
                    + "limit_data or down");
        }
        Direction stream = Direction.parse(text(n, "stream", "downstream"));
        JsonNode a = n.has("attributes") ? n.get("attributes") : JSON.createObjectNode();
        if (!a.isObject()) {
            throw new IllegalArgumentException("\"attributes\" must be an object");
        }
        ToxicKind kind = switch (type) {
            case "latency" -> {
                only(a, Set.of("latency", "jitter"), type);
                yield new ToxicKind.Latency(millis(a, "latency"), millis(a, "jitter"));
            }
            case "bandwidth" -> {
                only(a, Set.of("rate"), type);
                yield new ToxicKind.Bandwidth(Math.round(number(a, "rate") * 1000));
            }
            case "slicer" -> {
                only(a, Set.of("average_size", "size_variation", "delay"), type);
                yield new ToxicKind.Slicer((int) number(a, "average_size"), (int) number(a, "size_variation"),
                        Duration.ofNanos(Math.round(number(a, "delay") * 1000)));
            }
            case "reset_peer" -> {
                only(a, Set.of("timeout"), type);
                yield new ToxicKind.ResetPeer(millis(a, "timeout"));
            }
            case "timeout" -> {
                only(a, Set.of("timeout"), type);
                yield new ToxicKind.Timeout(millis(a, "timeout"));
            }
            case "limit_data" -> {
                only(a, Set.of("bytes"), type);
                yield new ToxicKind.LimitData((long) number(a, "bytes"));
            }
            case "down" -> {
                only(a, Set.of(), type);
                yield new ToxicKind.Down();
            }
            default -> throw new IllegalArgumentException("unknown toxic type '" + type + "'; known: latency, bandwidth, "
                    + "slicer, reset_peer, timeout, limit_data, down");
        };
        JsonNode toxicity = n.get("toxicity");
        if (toxicity != null && !toxicity.isNumber()) {
            throw new IllegalArgumentException("\"toxicity\" must be a number 0..1");
        }
        String name = text(n, "name", kind.type() + "_" + stream.wireName());
        return new Toxic(name, kind, stream, toxicity == null ? 1.0 : toxicity.asDouble());
    }

    private static void only(JsonNode n, Set<String> known, String what) {
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!known.contains(k)) {
                throw new IllegalArgumentException("unknown field '" + k + "' for " + what + "; known: " + known);
            }
        }
    }

    private static String text(JsonNode n, String field, String fallback) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isTextual()) {
            throw new IllegalArgumentException("\"" + field + "\" must be a string");
        }
        return v.asText();
    }

    private static double number(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return 0;
        }
        if (!v.isNumber()) {
            throw new IllegalArgumentException("attribute \"" + field + "\" must be a number");
        }
        return v.asDouble();
    }

    private static Duration millis(JsonNode n, String field) {
        double ms = number(n, field);
        if (ms < 0 || ms > 3_600_000) {
            throw new IllegalArgumentException("attribute \"" + field + "\" must be 0..3600000 ms, was " + ms);
        }
        return Duration.ofNanos(Math.round(ms * 1_000_000));
    }
}
