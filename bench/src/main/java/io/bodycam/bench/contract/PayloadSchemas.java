package io.bodycam.bench.contract;

import io.bodycam.sim.link.PayloadMapping;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.bodycam.bench.contract.ProfileSpecs.map;

/**
 * Reshapes the reference payload schemas (the {@code components.schemas} of a copy of
 * {@code docs/contract/asyncapi.yaml}) the way a profile's {@link PayloadMapping} reshapes the payloads:
 * a field's schema moves to its new path (objects made on the way), a time takes its wire type, a scaled
 * number loses the reference's bounds, a dropped field goes, a constant is added; what the reference
 * requires stays required where it lands. An {@code events} mapping reshapes every event type's schema.
 */
final class PayloadSchemas {

    private PayloadSchemas() {
    }

    /** Changes {@code schemas} (mutable maps, as the YAML loader made them) in place. */
    static void reshape(Map<String, Object> schemas, PayloadMapping mapping) {
        for (PayloadMapping.Kind kind : PayloadMapping.Kind.values()) {
            mapping.rules(kind).ifPresent(rules -> {
                for (String name : new ArrayList<>(schemas.keySet())) {
                    boolean mine = kind == PayloadMapping.Kind.EVENTS ? name.startsWith("event.") : name.equals(kind.yamlName());
                    if (mine) {
                        reshape(object(schemas.get(name)), rules);
                    }
                }
            });
        }
    }

    private record Taken(Map<String, Object> schema, boolean required) {
    }

    private static void reshape(Map<String, Object> schema, PayloadMapping.Rules rules) {
        List<Taken> taken = new ArrayList<>();
        for (PayloadMapping.Field f : rules.fields()) {
            taken.add(take(schema, f.from()));
        }
        rules.drop().forEach(d -> take(schema, d));
        for (int i = 0; i < rules.fields().size(); i++) {
            Taken t = taken.get(i);
            if (t != null) {
                put(schema, rules.fields().get(i).to(), onTheWire(rules.fields().get(i), t.schema()), t.required());
            }
        }
        rules.constants().forEach((path, value) -> put(schema, path, map("const", value), true));
    }

    /** A field's schema as the wire carries it: a time in its format, a scaled number without the reference's bounds. */
    private static Map<String, Object> onTheWire(PayloadMapping.Field f, Map<String, Object> reference) {
        if (f.time() != null) {
            return switch (f.time()) {
                case EPOCH_MILLIS -> reference;
                case EPOCH_SECONDS -> map("type", "number", "description", "epoch seconds, the milliseconds as the fraction");
                case ISO_8601 -> map("type", "string", "format", "date-time", "description", "an ISO 8601 instant in UTC");
            };
        }
        if (f.scale() != 1) {
            return map("type", "number", "description", "the reference " + f.from() + " multiplied by " + f.scale());
        }
        return reference;
    }

    /** Removes the property at {@code path} (and an object it leaves without properties); null when there is none. */
    @SuppressWarnings("unchecked")
    private static Taken take(Map<String, Object> schema, String path) {
        if (!(schema.get("properties") instanceof Map<?, ?> props)) {
            return null;
        }
        int dot = path.indexOf('.');
        String head = dot < 0 ? path : path.substring(0, dot);
        Object child = props.get(head);
        if (child == null) {
            return null;
        }
        if (dot < 0) {
            props.remove(head);
            return new Taken(object(child), unrequire(schema, head));
        }
        Map<String, Object> inner = object(child);
        Taken t = take(inner, path.substring(dot + 1));
        if (t != null && inner.get("properties") instanceof Map<?, ?> left && left.isEmpty()) {
            ((Map<String, Object>) props).remove(head);
            unrequire(schema, head);
        }
        return t;
    }

    /** Puts {@code value} at {@code path}, making objects on the way (required when the value is). */
    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> schema, String path, Map<String, Object> value, boolean required) {
        Map<String, Object> props = (Map<String, Object>) schema.computeIfAbsent("properties", k -> new LinkedHashMap<>());
        int dot = path.indexOf('.');
        String head = dot < 0 ? path : path.substring(0, dot);
        if (required && !required(schema).contains(head)) {
            required(schema).add(head);
        }
        if (dot < 0) {
            props.put(head, value);
            return;
        }
        Object child = props.get(head);
        Map<String, Object> inner = child instanceof Map<?, ?> ? object(child)
                : map("type", "object", "additionalProperties", false, "properties", new LinkedHashMap<>(), "required", new ArrayList<>());
        props.put(head, inner);
        put(inner, path.substring(dot + 1), value, required);
    }

    /** Takes {@code name} out of the schema's required list; whether it was in it. */
    private static boolean unrequire(Map<String, Object> schema, String name) {
        return schema.get("required") instanceof List<?> list && list.remove(name);
    }

    @SuppressWarnings("unchecked")
    private static List<String> required(Map<String, Object> schema) {
        return (List<String>) schema.computeIfAbsent("required", k -> new ArrayList<>());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object o) {
        return (Map<String, Object>) o;
    }
}
