package io.bodycam.sim.link;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How a device profile's JSON payloads differ from the reference contract's (docs/backends.md, "Payload
 * mappings"): per message kind, fields renamed or moved into other objects (dot paths), scaled into other
 * units, times written in another format, fields left out, constant fields added. {@link #encode} turns a
 * reference payload into the wire's (the camera's messages, the bench's commands); {@link #decode} turns
 * the wire's back into the reference shape (the bench reading the cameras, the camera reading a command),
 * so everything behind the MQTT link keeps speaking the reference contract. {@link #IDENTITY} changes
 * nothing and costs nothing: payloads then pass through untouched.
 *
 * <p>A field left out cannot come back, except {@code schema} (always 1) and {@code deviceId} (the topic
 * says it); the fields the bench cannot do without may be renamed but not left out ({@link #NEEDED}).
 */
public final class PayloadMapping {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The message kinds a profile maps: the five a camera publishes and the command it is sent. */
    public enum Kind {
        STATUS, STATE, GPS, EVENTS, ACK, CMD;

        /** The name a profile file uses ({@code status}, ..., {@code ack}, {@code cmd}). */
        public String yamlName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** The kind of what a camera publishes on {@code topic}. */
        public static Kind of(Topic topic) {
            return switch (topic) {
                case STATUS -> STATUS;
                case STATE -> STATE;
                case GPS -> GPS;
                case EVENTS -> EVENTS;
                case CMD_ACK -> ACK;
            };
        }
    }

    /**
     * The fields of each kind that may be renamed but not left out: what the bench judges by (seq gaps,
     * latency, presence, modes, positions, event types, acks) and what a camera needs of a command.
     */
    public static final Map<Kind, Set<String>> NEEDED = Map.of(
            Kind.STATUS, Set.of("seq", "ts", "status"),
            Kind.STATE, Set.of("seq", "ts", "mode"),
            Kind.GPS, Set.of("seq", "ts", "fix", "lat", "lon"),
            Kind.EVENTS, Set.of("seq", "ts", "type"),
            Kind.ACK, Set.of("seq", "ts", "id", "ok"),
            Kind.CMD, Set.of("id", "type"));

    /** How a time (epoch milliseconds in the reference payload) is written on the wire. */
    public enum TimeFormat {
        /** Epoch milliseconds, an integer: the reference's own. */
        EPOCH_MILLIS,
        /** Epoch seconds, a number with the milliseconds as its fraction. */
        EPOCH_SECONDS,
        /** An ISO 8601 instant in UTC, e.g. {@code 2027-01-04T07:00:00.250Z}. */
        ISO_8601
    }

    /**
     * One reference field on the wire.
     *
     * @param from  its dot path in the reference payload ({@code battery.pct})
     * @param to    its dot path on the wire
     * @param scale the factor it is multiplied by on the wire (unit conversion; 1 for none)
     * @param time  for a time field, how it is written; null for a field that is not a time
     */
    public record Field(String from, String to, double scale, TimeFormat time) {
        public Field {
            requirePath(from, "field");
            requirePath(to, "field '" + from + "' target");
            if (!(scale > 0) || Double.isInfinite(scale)) {
                throw new IllegalArgumentException("scale of '" + from + "' must be a positive number, was " + scale);
            }
            if (time != null && scale != 1) {
                throw new IllegalArgumentException("'" + from + "' is a time: give it a format or a scale, not both");
            }
        }
    }

    /**
     * One kind's mapping.
     *
     * @param fields    reference fields moved, renamed, scaled or reformatted
     * @param drop      reference fields (dot paths) not sent
     * @param constants fields added to every message on the wire, with their values (dot paths)
     */
    public record Rules(List<Field> fields, List<String> drop, Map<String, String> constants) {
        public Rules {
            fields = List.copyOf(fields);
            drop = List.copyOf(drop);
            constants = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(constants));
            drop.forEach(d -> requirePath(d, "dropped field"));
            constants.keySet().forEach(c -> requirePath(c, "constant field"));
            Set<String> targets = new HashSet<>(constants.keySet());
            Set<String> sources = new HashSet<>(drop);
            for (Field f : fields) {
                if (!sources.add(f.from())) {
                    throw new IllegalArgumentException("field '" + f.from() + "' is mapped or dropped twice");
                }
                if (!targets.add(f.to())) {
                    throw new IllegalArgumentException("two fields go to '" + f.to() + "' on the wire");
                }
            }
        }

        boolean empty() {
            return fields.isEmpty() && drop.isEmpty() && constants.isEmpty();
        }
    }

    /** The reference payloads, untouched. */
    public static final PayloadMapping IDENTITY = new PayloadMapping(Map.of());

    private final Map<Kind, Rules> kinds;

    /**
     * @throws IllegalArgumentException when a rule leaves out a field of {@link #NEEDED}
     */
    public PayloadMapping(Map<Kind, Rules> kinds) {
        Map<Kind, Rules> copy = new EnumMap<>(Kind.class);
        kinds.forEach((k, r) -> {
            if (!r.empty()) {
                copy.put(k, r);
            }
        });
        for (Map.Entry<Kind, Rules> e : copy.entrySet()) {
            for (String d : e.getValue().drop()) {
                if (NEEDED.get(e.getKey()).contains(d)) {
                    throw new IllegalArgumentException(e.getKey().yamlName() + " needs '" + d + "': it may be renamed "
                            + "but not dropped (the bench needs " + String.join(", ", new java.util.TreeSet<>(NEEDED.get(e.getKey())))
                            + ")");
                }
            }
        }
        this.kinds = copy.isEmpty() ? Map.of() : java.util.Collections.unmodifiableMap(copy);
    }

    /** True when no kind is mapped: payloads pass through as they are. */
    public boolean identity() {
        return kinds.isEmpty();
    }

    /** The rules of {@code kind}, if it is mapped. */
    public Optional<Rules> rules(Kind kind) {
        return Optional.ofNullable(kinds.get(kind));
    }

    /** The wire's bytes of a reference payload (the same array when {@code kind} is not mapped). */
    public byte[] encode(Kind kind, byte[] reference) {
        Rules r = kinds.get(kind);
        if (r == null) {
            return reference;
        }
        try {
            JsonNode tree = JSON.readTree(reference);
            if (!(tree instanceof ObjectNode o)) {
                return reference;
            }
            return JSON.writeValueAsBytes(encode(r, o));
        } catch (IOException e) {
            // not JSON (a malformed command on purpose): it goes as it is
            return reference;
        }
    }

    /** As {@link #encode(Kind, byte[])}, on a tree it changes in place and returns. */
    public ObjectNode encode(Kind kind, ObjectNode reference) {
        Rules r = kinds.get(kind);
        return r == null ? reference : encode(r, reference);
    }

    /**
     * As {@link #decode(Kind, ObjectNode, String)}, from the wire's bytes (the same array when {@code kind}
     * is not mapped, or when they are not a JSON object: the reference checks downstream then name them).
     */
    public byte[] decode(Kind kind, byte[] wire, String deviceId) {
        if (!kinds.containsKey(kind)) {
            return wire;
        }
        try {
            JsonNode tree = JSON.readTree(wire);
            return tree instanceof ObjectNode o ? JSON.writeValueAsBytes(decode(kind, o, deviceId)) : wire;
        } catch (IOException e) {
            return wire;
        }
    }

    /**
     * The reference shape of a wire payload, changed in place and returned: mapped fields back where the
     * reference has them, in its units and formats; constants removed; {@code schema} and {@code deviceId}
     * restored when the profile leaves them out. A value that is not what the mapping expects (a time
     * that does not parse, a string where a number should be) is put back unchanged, so the reference
     * checks downstream name it.
     */
    public ObjectNode decode(Kind kind, ObjectNode wire, String deviceId) {
        Rules r = kinds.get(kind);
        if (r == null) {
            return wire;
        }
        r.constants().keySet().forEach(c -> remove(wire, c));
        List<JsonNode> values = new ArrayList<>();
        for (Field f : r.fields()) {
            values.add(remove(wire, f.to()));
        }
        for (int i = 0; i < r.fields().size(); i++) {
            JsonNode v = values.get(i);
            if (v != null) {
                Field f = r.fields().get(i);
                put(wire, f.from(), back(f, v));
            }
        }
        if (r.drop().contains("schema") && !wire.has("schema")) {
            wire.put("schema", 1);
        }
        if (r.drop().contains("deviceId") && !wire.has("deviceId") && deviceId != null) {
            wire.put("deviceId", deviceId);
        }
        return wire;
    }

    private static ObjectNode encode(Rules r, ObjectNode o) {
        List<JsonNode> values = new ArrayList<>();
        for (Field f : r.fields()) {
            values.add(remove(o, f.from()));
        }
        r.drop().forEach(d -> remove(o, d));
        for (int i = 0; i < r.fields().size(); i++) {
            JsonNode v = values.get(i);
            if (v != null) {
                Field f = r.fields().get(i);
                put(o, f.to(), forth(f, v));
            }
        }
        r.constants().forEach((path, value) -> put(o, path, JsonNodeFactory.instance.textNode(value)));
        return o;
    }

    private static JsonNode forth(Field f, JsonNode v) {
        if (f.time() != null && v.isIntegralNumber()) {
            long millis = v.longValue();
            return switch (f.time()) {
                case EPOCH_MILLIS -> v;
                case EPOCH_SECONDS -> millis % 1000 == 0 ? JsonNodeFactory.instance.numberNode(millis / 1000)
                        : JsonNodeFactory.instance.numberNode(millis / 1000.0);
                case ISO_8601 -> JsonNodeFactory.instance.textNode(Instant.ofEpochMilli(millis).toString());
            };
        }
        if (f.scale() != 1 && v.isNumber()) {
            return number(v.doubleValue() * f.scale());
        }
        return v;
    }

    private static JsonNode back(Field f, JsonNode v) {
        if (f.time() != null) {
            return switch (f.time()) {
                case EPOCH_MILLIS -> v;
                case EPOCH_SECONDS -> v.isNumber() ? JsonNodeFactory.instance.numberNode(Math.round(v.doubleValue() * 1000)) : v;
                case ISO_8601 -> {
                    if (!v.isTextual()) {
                        yield v;
                    }
                    try {
                        yield JsonNodeFactory.instance.numberNode(Instant.parse(v.textValue()).toEpochMilli());
                    } catch (DateTimeParseException e) {
                        yield v;
                    }
                }
            };
        }
        if (f.scale() != 1 && v.isNumber()) {
            return number(v.doubleValue() / f.scale());
        }
        return v;
    }

    /** A whole number as an integer (bytes, counts, seconds survive a round trip through a scale), else a double. */
    private static JsonNode number(double d) {
        double rounded = Math.rint(d);
        if (Math.abs(d - rounded) <= 1e-9 * Math.max(1, Math.abs(d)) && Math.abs(rounded) < 9e15) {
            return JsonNodeFactory.instance.numberNode((long) rounded);
        }
        return JsonNodeFactory.instance.numberNode(d);
    }

    /** Removes the value at {@code path} (and objects it leaves empty); null when there is none. */
    private static JsonNode remove(ObjectNode root, String path) {
        int dot = path.indexOf('.');
        if (dot < 0) {
            return root.remove(path);
        }
        JsonNode child = root.get(path.substring(0, dot));
        if (!(child instanceof ObjectNode c)) {
            return null;
        }
        JsonNode v = remove(c, path.substring(dot + 1));
        if (v != null && c.isEmpty()) {
            root.remove(path.substring(0, dot));
        }
        return v;
    }

    /** Puts {@code value} at {@code path}, making the objects on the way. */
    private static void put(ObjectNode root, String path, JsonNode value) {
        int dot = path.indexOf('.');
        if (dot < 0) {
            root.set(path, value);
            return;
        }
        String head = path.substring(0, dot);
        JsonNode child = root.get(head);
        ObjectNode c = child instanceof ObjectNode o ? o : root.putObject(head);
        put(c, path.substring(dot + 1), value);
    }

    private static void requirePath(String path, String what) {
        Objects.requireNonNull(path, what);
        if (path.isEmpty() || path.startsWith(".") || path.endsWith(".") || path.contains("..")) {
            throw new IllegalArgumentException(what + " '" + path + "' is not a dot path (names separated by '.')");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PayloadMapping m && m.kinds.equals(kinds);
    }

    @Override
    public int hashCode() {
        return kinds.hashCode();
    }

    @Override
    public String toString() {
        return identity() ? "PayloadMapping[identity]" : "PayloadMapping" + kinds;
    }
}
