package io.bodycam.bench.observer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bodycam.bench.observer.TopicKind;
import io.bodycam.sim.event.EventSamples;
import io.bodycam.sim.state.DockPhase;
import io.bodycam.sim.state.ErrorCode;
import io.bodycam.sim.state.Flag;
import io.bodycam.sim.state.Mode;
import io.bodycam.sim.state.StopReason;
import io.bodycam.sim.state.Trigger;
import io.bodycam.sim.testing.SpecLinters;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * Keeps the device contract's three faces equal: the prose ({@code docs/contract/README.md}), the
 * machine-readable specs ({@code asyncapi.yaml}, {@code openapi.yaml}) and the simulator's own types. This
 * is the {@code ContractDocTest} the prose page promises, plus the check that the schemas the observer
 * validates every live message with accept what cameras really send and refuse what breaks them.
 */
class ContractSpecTest {

    private static final Path DIR = Path.of("..", "docs", "contract");
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");
    private static final Set<String> ENVELOPE = Set.of("schema", "deviceId", "seq", "ts", "type");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static String prose() throws IOException {
        return Files.readString(DIR.resolve("README.md"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> yaml(String file) throws IOException {
        return (Map<String, Object>) new Yaml().load(Files.readString(DIR.resolve(file)));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o, String... path) {
        Object at = o;
        for (String key : path) {
            at = ((Map<String, Object>) at).get(key);
            if (at == null) {
                throw new AssertionError("no " + String.join(".", path) + " in the spec");
            }
        }
        return (Map<String, Object>) at;
    }

    /** The rows of the first Markdown table after {@code heading}, as cells, without its head and rule. */
    private static List<List<String>> table(String text, String heading) {
        int at = text.indexOf(heading);
        assertTrue(at >= 0, "no heading " + heading + " in the contract page");
        List<List<String>> rows = new ArrayList<>();
        int lines = 0;
        for (String line : text.substring(at).split("\n")) {
            if (line.startsWith("|")) {
                if (++lines > 2) {
                    rows.add(Arrays.stream(line.substring(1, line.length() - 1).split("\\|")).map(String::trim).toList());
                }
            } else if (lines > 0) {
                break;
            }
        }
        return rows;
    }

    private static List<String> codes(String cell) {
        List<String> out = new ArrayList<>();
        Matcher m = CODE.matcher(cell);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    @Test
    void every_topic_of_the_prose_has_the_direction_qos_and_retain_of_the_asyncapi_operation() throws IOException {
        Map<String, String> prose = new TreeMap<>();
        for (List<String> row : table(prose(), "## MQTT topics")) {
            prose.put(codes(row.get(0)).get(0), row.get(1) + " qos " + row.get(2) + " retain " + row.get(3));
        }
        Map<String, Object> spec = yaml("asyncapi.yaml");
        Map<String, String> operations = new TreeMap<>();
        for (Object o : map(spec, "operations").values()) {
            Map<String, Object> op = map(o);
            String channel = String.valueOf(map(op, "channel").get("$ref")).replace("#/channels/", "");
            String address = String.valueOf(map(spec, "channels", channel).get("address"));
            Map<String, Object> mqtt = map(op, "bindings", "mqtt");
            operations.put(address.substring(address.indexOf("{deviceId}/") + "{deviceId}/".length()),
                    ("send".equals(op.get("action")) ? "out" : "in") + " qos " + mqtt.get("qos")
                            + " retain " + ((Boolean) mqtt.get("retain") ? "yes" : "no"));
        }
        assertEquals(prose, operations);
    }

    @Test
    void the_event_table_names_the_types_and_fields_of_the_asyncapi_event_schemas() throws IOException {
        Map<String, Set<String>> prose = new TreeMap<>();
        for (List<String> row : table(prose(), "### `events`")) {
            for (String type : codes(row.get(0))) {
                prose.put(type, new TreeSet<>("none".equals(row.get(1)) ? List.of() : codes(row.get(1))));
            }
        }
        Map<String, Set<String>> spec = new TreeMap<>();
        map(yaml("asyncapi.yaml"), "components", "schemas").forEach((name, schema) -> {
            if (name.startsWith("event.")) {
                Set<String> fields = new TreeSet<>(map(schema, "properties").keySet());
                fields.removeAll(ENVELOPE);
                spec.put(name.substring("event.".length()), fields);
            }
        });
        assertEquals(prose, spec);
        assertEquals(prose.keySet(), new TreeSet<>(new ContractSchemas().eventTypes()),
                "the events message's oneOf lists every event schema");
    }

    @Test
    void the_command_table_names_the_command_types_of_the_spec() throws IOException {
        Set<String> prose = table(prose(), "### `cmd` and `cmd/ack`").stream()
                .map(row -> codes(row.get(0)).get(0)).collect(Collectors.toCollection(TreeSet::new));
        @SuppressWarnings("unchecked")
        List<String> spec = (List<String>) map(yaml("asyncapi.yaml"), "components", "schemas", "cmd", "properties", "type").get("enum");
        assertEquals(prose, new TreeSet<>(spec));
    }

    @Test
    void the_http_table_names_every_path_and_method_of_the_openapi_spec() throws IOException {
        Set<String> prose = table(prose(), "## HTTP").stream()
                .map(row -> codes(row.get(0)).get(0)).collect(Collectors.toCollection(TreeSet::new));
        Set<String> spec = new TreeSet<>();
        map(yaml("openapi.yaml"), "paths").forEach((path, item) -> map(item).keySet().stream()
                .filter(k -> !"parameters".equals(k))
                .forEach(method -> spec.add(method.toUpperCase() + " " + path)));
        assertEquals(prose, spec);
    }

    @Test
    void the_enums_of_the_spec_are_the_simulators() throws IOException {
        Map<String, Object> schemas = map(yaml("asyncapi.yaml"), "components", "schemas");
        Map<String, Object> state = map(schemas, "state", "properties");
        assertEquals(with(names(Mode.values(), Enum::name), "UNREGISTERED"), new TreeSet<>(state(state, "mode")),
                "the simulator's modes and the one the contract reserves");
        assertEquals(with(names(Flag.values(), Enum::name), "MUTED", "STEALTH"),
                new TreeSet<>(list(map(state, "flags", "items").get("enum"))), "the simulator's flags and the two reserved");
        assertEquals(names(DockPhase.values(), Enum::name),
                new LinkedHashSet<>(list(map(list(map(state, "dockPhase").get("oneOf")).get(1)).get("enum"))));
        assertEquals(names(Trigger.values(), Trigger::wireName), state(map(schemas, "event.recording.started", "properties"), "trigger"));
        assertEquals(names(ErrorCode.values(), ErrorCode::wireName), state(map(schemas, "event.error", "properties"), "code"));
        assertEquals(names(StopReason.values(), StopReason::wireName), state(map(schemas, "event.recording.stopped", "properties"), "reason"));
        assertEquals(names(StopReason.values(), StopReason::wireName), state(map(schemas, "event.priorityUpload.cancelled", "properties"), "reason"));
        String page = prose();
        for (Mode m : Mode.values()) {
            assertTrue(page.contains("`" + m.name() + "`"), "the prose names mode " + m);
        }
        for (Flag f : Flag.values()) {
            assertTrue(page.contains("`" + f.name() + "`"), "the prose names flag " + f);
        }
    }

    private static <E> Set<String> names(E[] values, Function<E, String> name) {
        return Arrays.stream(values).map(name).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private static Set<String> with(Set<String> names, String... reserved) {
        Set<String> all = new TreeSet<>(names);
        all.addAll(List.of(reserved));
        return all;
    }

    private static Set<String> state(Map<String, Object> properties, String field) {
        return new LinkedHashSet<>(list(map(properties, field).get("enum")));
    }

    @SuppressWarnings("unchecked")
    private static <T> List<T> list(Object o) {
        return (List<T>) o;
    }

    @Test
    void every_published_event_sample_of_the_simulator_keeps_its_schema() throws IOException {
        ContractSchemas contract = new ContractSchemas();
        Map<String, String> broken = new LinkedHashMap<>();
        int checked = 0;
        for (EventSamples.Pinned p : EventSamples.ALL) {
            if (!p.event().published()) {
                continue;
            }
            ObjectNode m = envelope();
            m.setAll((ObjectNode) JSON.readTree(p.json()));
            contract.violation(TopicKind.EVENTS, m).ifPresent(why -> broken.put(p.json(), why));
            checked++;
        }
        assertEquals(Map.of(), broken);
        assertTrue(checked >= 33, "samples checked: " + checked);
    }

    @Test
    void a_message_that_breaks_its_schema_is_refused_with_the_field_at_fault() throws IOException {
        ContractSchemas contract = new ContractSchemas();
        JsonNode state = JSON.readTree("""
                {"schema":1,"deviceId":"IPD-0001","seq":12,"ts":1767225600000,
                 "mode":"RECORDING","dockPhase":null,"flags":["LOW_BATTERY"],
                 "battery":{"pct":9.5,"charging":false},
                 "storage":{"capacityBytes":64000000000,"usedBytes":1800000000,"freeBytes":62200000000},
                 "uploadQueue":{"segments":3,"bytes":1800000000},
                 "recording":{"id":"IPD-0001-R00003","since":1767225000000},
                 "firmware":"4.12.3","clockOffsetMs":0,"officer":"badge-0001"}""");
        assertEquals(java.util.Optional.empty(), contract.violation(TopicKind.STATE, state), "the prose's own example");

        ObjectNode flying = state.deepCopy();
        flying.put("mode", "FLYING");
        assertTrue(contract.violation(TopicKind.STATE, flying).orElseThrow().contains("/mode"));

        ObjectNode extra = state.deepCopy();
        extra.put("colour", "blue");
        assertTrue(contract.violation(TopicKind.STATE, extra).orElseThrow().contains("colour"));

        ObjectNode event = envelope();
        event.put("type", "segment.closed").put("segmentId", "S1");
        String why = contract.violation(TopicKind.EVENTS, event).orElseThrow();
        assertTrue(why.contains("sha256"), why);

        ObjectNode unknown = envelope();
        unknown.put("type", "teleported");
        assertEquals("event type 'teleported' is not in the contract", contract.violation(TopicKind.EVENTS, unknown).orElseThrow());

        ObjectNode ack = envelope();
        ack.put("id", "c-1").put("ok", "yes").putNull("error");
        assertFalse(contract.violation(TopicKind.ACK, ack).isEmpty(), "ok must be a boolean");
    }

    private static ObjectNode envelope() {
        return JSON.createObjectNode().put("schema", 1).put("deviceId", "IPD-0001").put("seq", 4).put("ts", 1_767_225_600_000L);
    }

    @Test
    void the_asyncapi_parser_and_an_openapi_linter_find_no_error_in_the_specs() throws Exception {
        assumeTrue(SpecLinters.unavailable().isEmpty(), () -> "skipped: " + SpecLinters.unavailable().orElse(""));
        SpecLinters.Verdict v = SpecLinters.lint(DIR.resolve("asyncapi.yaml"), DIR.resolve("openapi.yaml"));
        assertTrue(v.ok(), v::output);
        assertTrue(v.output().contains("0 errors"), v::output);
    }
}
