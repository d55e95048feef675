package io.bodycam.bench.observer.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.NonValidationKeyword;
import io.bodycam.bench.observer.TopicKind;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The payload schemas of {@code docs/contract/asyncapi.yaml} (shipped in the jar as
 * {@code contract/asyncapi.yaml}), checked with a JSON Schema validator (networknt, draft 7, which the
 * AsyncAPI schema format extends). An {@code events} message is checked against the schema of its own
 * {@code type} ({@code event.<type>}), the branch the spec's {@code oneOf} would pick, so the answer names
 * the field at fault rather than every branch that did not match. Immutable once built, so shared by threads.
 * It is the largest cost of handling a message (more than its parse), so a large fleet's observer validates
 * a sample only ({@link io.bodycam.bench.observer.SchemaCheck}); the basic checks of {@link MessageHandler}
 * are made on every message.
 */
final class ContractSchemas {

    /** Where the spec lies on the classpath. */
    public static final String SPEC = "contract/asyncapi.yaml";

    private static final String SCHEMAS = "classpath:" + SPEC + "#/components/schemas/";

    /** Draft 7, told that the AsyncAPI document's own top-level keys are no schema keywords. */
    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(Dialect.builder(Dialects.getDraft7())
            .keywords(Stream.of("asyncapi", "info", "defaultContentType", "servers", "channels", "operations", "components")
                    .map(NonValidationKeyword::new).toList())
            .build());
    private final Map<TopicKind, Schema> topics = new EnumMap<>(TopicKind.class);
    private final Map<String, Schema> events = new LinkedHashMap<>();

    /** Loads the spec; throws if it is missing or not a valid schema document (a broken build). */
    ContractSchemas() {
        topics.put(TopicKind.STATUS, schema("status"));
        topics.put(TopicKind.STATE, schema("state"));
        topics.put(TopicKind.GPS, schema("gps"));
        topics.put(TopicKind.ACK, schema("ack"));
        schema("events").getSchemaNode().path("oneOf").forEach(ref -> {
            String name = ref.path("$ref").asText().replace("#/components/schemas/", "");
            events.put(name.substring("event.".length()), schema(name));
        });
    }

    /**
     * Why {@code message}, published on a topic of {@code kind}, breaks its schema; empty if it keeps
     * it. The reasons are the validator's, each prefixed with the JSON path of the field at fault.
     */
    Optional<String> violation(TopicKind kind, JsonNode message) {
        return violation(kind, message, Set.of());
    }

    /**
     * As {@link #violation(TopicKind, JsonNode)}, not counting as missing the fields (dot paths) of
     * {@code leftOut}: those a device profile does not send ({@link io.bodycam.sim.link.PayloadMapping}).
     */
    Optional<String> violation(TopicKind kind, JsonNode message, Set<String> leftOut) {
        Schema schema;
        if (kind == TopicKind.EVENTS) {
            String type = message.path("type").asText("");
            schema = events.get(type);
            if (schema == null) {
                return Optional.of("event type '" + type + "' is not in the contract");
            }
        } else {
            schema = topics.get(kind);
        }
        List<Error> errors = schema.validate(message);
        if (!leftOut.isEmpty()) {
            errors = errors.stream().filter(e -> !("required".equals(e.getKeyword()) && leftOut.contains(path(e)))).toList();
        }
        if (errors.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(errors.stream().map(Error::toString).collect(Collectors.joining("; ")));
    }

    /** The dot path of the property a {@code required} error misses ({@code battery.pct}). */
    private static String path(Error e) {
        // the location prints as "", "$", "$.battery" or "/battery" depending on the path type
        String at = e.getInstanceLocation().toString().replaceFirst("^\\$\\.?", "").replaceFirst("^/", "").replace('/', '.');
        return at.isEmpty() ? e.getProperty() : at + "." + e.getProperty();
    }

    /** The event types the spec knows, in its order. */
    List<String> eventTypes() {
        return List.copyOf(events.keySet());
    }

    private Schema schema(String name) {
        return registry.getSchema(SchemaLocation.of(SCHEMAS + name));
    }
}
