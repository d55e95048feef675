package io.bodycam.bench.scenario;

import io.bodycam.sim.link.PayloadMapping;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fields (dot paths, nested objects included) of each reference payload, read from the contract's
 * own schemas ({@code contract/asyncapi.yaml} in the jar): what a profile's payload mapping may name.
 * An {@code events} message has the fields of every event type together.
 */
final class ReferenceFields {

    private static final Map<PayloadMapping.Kind, Set<String>> FIELDS = load();

    private ReferenceFields() {
    }

    /** The dot paths a reference payload of {@code kind} can have. */
    static Set<String> of(PayloadMapping.Kind kind) {
        return FIELDS.get(kind);
    }

    private static Map<PayloadMapping.Kind, Set<String>> load() {
        Map<String, Object> schemas = schemas();
        Map<PayloadMapping.Kind, Set<String>> fields = new EnumMap<>(PayloadMapping.Kind.class);
        for (PayloadMapping.Kind kind : PayloadMapping.Kind.values()) {
            Set<String> paths = new LinkedHashSet<>();
            if (kind == PayloadMapping.Kind.EVENTS) {
                schemas.forEach((name, schema) -> {
                    if (name.startsWith("event.")) {
                        collect(schema, "", paths);
                    }
                });
            } else {
                collect(schemas.get(kind.yamlName()), "", paths);
            }
            if (paths.isEmpty()) {
                throw new IllegalStateException("the contract has no fields for " + kind.yamlName() + ": a broken build");
            }
            fields.put(kind, Set.copyOf(paths));
        }
        return fields;
    }

    /** The properties of {@code schema} under {@code prefix}, and of the objects inside it (inline or in a oneOf). */
    private static void collect(Object schema, String prefix, Set<String> into) {
        if (!(schema instanceof Map<?, ?> s)) {
            return;
        }
        if (s.get("properties") instanceof Map<?, ?> props) {
            props.forEach((name, sub) -> {
                into.add(prefix + name);
                collect(sub, prefix + name + ".", into);
            });
        }
        for (String alternatives : List.of("oneOf", "anyOf")) {
            if (s.get(alternatives) instanceof List<?> branches) {
                branches.forEach(b -> collect(b, prefix, into));
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> schemas() {
        try (InputStream in = ReferenceFields.class.getResourceAsStream("/contract/asyncapi.yaml")) {
            if (in == null) {
                throw new IllegalStateException("contract/asyncapi.yaml is not on the classpath: a broken build");
            }
            Map<String, Object> doc = new Yaml(new SafeConstructor(new LoaderOptions()))
                    .load(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            return (Map<String, Object>) ((Map<String, Object>) doc.get("components")).get("schemas");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read contract/asyncapi.yaml", e);
        }
    }
}
