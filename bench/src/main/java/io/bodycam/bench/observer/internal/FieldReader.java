package io.bodycam.bench.observer.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bodycam.bench.observer.TopicKind;
import java.io.IOException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The light parse of a message that is not schema-checked: one pass of Jackson's streaming parser that
 * keeps only the top-level fields {@link MessageHandler} reads for the topic kind (as the nodes a tree parse
 * would have made of them) and skips the rest, which the parser still reads through, so a payload that is
 * no JSON is still found out. It gives up (null) on anything but a single well-formed JSON object; the
 * handler then parses the tree, whose error names the reason, so both paths give the same verdicts.
 */
final class FieldReader {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Set<String> COMMON = Set.of("schema", "deviceId", "seq", "ts");
    private static final Map<TopicKind, Set<String>> READ = new EnumMap<>(Map.of(
            TopicKind.STATUS, with("status", "reason", "firmware"),
            TopicKind.STATE, with("mode", "flags", "battery", "storage", "uploadQueue", "dockPhase", "recording", "firmware"),
            TopicKind.GPS, with("fix", "lat", "lon", "alt", "speed", "heading", "hdop", "satellites"),
            TopicKind.EVENTS, with("type"),
            TopicKind.ACK, with("id", "ok", "error")));

    private final JsonFactory factory;

    /** @param factory the one the tree parse uses, so both read JSON under the same features and limits */
    FieldReader(JsonFactory factory) {
        this.factory = factory;
    }

    private static Set<String> with(String... fields) {
        return Set.copyOf(Stream.concat(COMMON.stream(), Stream.of(fields)).toList());
    }

    /** The fields of {@code kind} that {@code payload} has; null when it is not one well-formed JSON object. */
    ObjectNode read(byte[] payload, TopicKind kind) {
        Set<String> wanted = READ.get(kind);
        try (JsonParser p = factory.createParser(payload)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            ObjectNode m = NODES.objectNode();
            for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (wanted.contains(name)) {
                    m.set(name, value(p, value));
                } else {
                    p.skipChildren();
                }
            }
            return p.nextToken() == null ? m : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** The node of the value at {@code token}, as a tree parse makes it (ints, longs and big integers apart). */
    private static JsonNode value(JsonParser p, JsonToken token) throws IOException {
        if (token == null) {
            throw new IOException("the payload ends inside a value");
        }
        return switch (token) {
            case START_OBJECT -> {
                ObjectNode o = NODES.objectNode();
                for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                    String name = p.currentName();
                    o.set(name, value(p, p.nextToken()));
                }
                yield o;
            }
            case START_ARRAY -> {
                ArrayNode a = NODES.arrayNode();
                for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                    a.add(value(p, t));
                }
                yield a;
            }
            case VALUE_STRING -> NODES.textNode(p.getText());
            case VALUE_NUMBER_INT -> switch (p.getNumberType()) {
                case INT -> NODES.numberNode(p.getIntValue());
                case LONG -> NODES.numberNode(p.getLongValue());
                default -> NODES.numberNode(p.getBigIntegerValue());
            };
            case VALUE_NUMBER_FLOAT -> NODES.numberNode(p.getDoubleValue());
            case VALUE_TRUE -> NODES.booleanNode(true);
            case VALUE_FALSE -> NODES.booleanNode(false);
            case VALUE_NULL -> NODES.nullNode();
            default -> throw new IOException("unexpected token " + token);
        };
    }
}
