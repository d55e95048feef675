package io.bodycam.bench.scenario.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bodycam.bench.scenario.yaml.SampleScenario.Mode;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class YamlMapTest {

    private static final Duration DAY = Duration.ofDays(1);

    @Test
    void the_valid_sample_loads_without_problems() {
        SampleScenario.load(SampleScenario.VALID);
    }

    @Test
    void typed_accessors_read_the_values_as_written() {
        YamlMap root = SampleScenario.parse(SampleScenario.VALID);
        YamlMap camera = root.map("camera");
        assertEquals("quickstart", root.string("name"));
        assertEquals(42L, root.longInteger("seed", 1, 0, Long.MAX_VALUE));
        assertEquals(Duration.ofMinutes(90), root.duration("duration", Duration.ZERO, DAY));
        assertEquals(Duration.ofSeconds(30), camera.duration("preEventBuffer", Duration.ZERO, DAY));
        assertEquals(64_000_000_000L, camera.dataSize("storage", 0, 0, Long.MAX_VALUE));
        assertEquals(4e6, camera.dataRate("bitrate", 0, 0, 1e9));
        assertEquals(0.1, camera.fraction("lowBattery", 0), 1e-12);
        assertTrue(camera.bool("audio", false));
        assertEquals(Mode.READY_BUFFERING, camera.enumValue("mode", Mode.class));
        assertEquals(0.5, camera.decimal("scale", 1, 0, 1));
        assertEquals(List.of("uploads.lost == 0", "mqtt.state.latency.p99 < 500ms"), root.list("assertions").strings());
        assertTrue(root.problems().isEmpty(), () -> root.problems().list().toString());
    }

    @Test
    void defaults_apply_only_when_the_key_is_absent() {
        YamlMap root = SampleScenario.parse("name: q\n");
        assertEquals(7, root.integer("count", 7, 1, 10));
        assertEquals("none", root.string("officer", "none"));
        assertEquals(Optional.empty(), root.optionalString("officer"));
        assertEquals(Duration.ofSeconds(30), root.duration("heartbeat", Duration.ofSeconds(30), Duration.ZERO, DAY));
        assertEquals(Mode.OFF, root.enumValue("mode", Mode.class, Mode.OFF));
        assertEquals(Optional.empty(), root.optionalMap("camera"));
        assertEquals(Optional.empty(), root.optionalList("groups"));
        assertTrue(root.problems().isEmpty());
    }

    @Test
    void yaml_1_1_booleans_and_numbers_stay_text_where_text_is_expected() {
        YamlMap root = SampleScenario.parse("""
                country: NO
                answer: yes
                switch: off
                version: 1.10
                badge: 0012
                hex: 0x1F
                on: the key 'on' is a key
                """);
        assertEquals("NO", root.string("country"));
        assertEquals("yes", root.string("answer"));
        assertEquals("off", root.string("switch"));
        assertEquals("1.10", root.string("version"));
        assertEquals("0012", root.string("badge"));
        assertEquals("0x1F", root.string("hex"));
        assertEquals("the key 'on' is a key", root.string("on"));
        assertEquals(List.of("country", "answer", "switch", "version", "badge", "hex", "on"), root.keys());
    }

    @Test
    void yes_no_on_off_are_booleans_where_a_boolean_is_expected() {
        YamlMap root = SampleScenario.parse("a: yes\nb: No\nc: ON\nd: off\ne: 'true'\n");
        assertEquals(List.of(true, false, true, false, true),
                List.of(root.bool("a", false), root.bool("b", true), root.bool("c", false), root.bool("d", true),
                        root.bool("e", false)));
    }

    @Test
    void off_is_an_enum_value_not_a_boolean_where_an_enum_is_expected() {
        YamlMap root = SampleScenario.parse("mode: off\nother: READY_BUFFERING\n");
        assertEquals(Mode.OFF, root.enumValue("mode", Mode.class));
        assertEquals(Mode.READY_BUFFERING, root.enumValue("other", Mode.class));
    }

    @Test
    void quoted_numbers_are_read_as_numbers_where_a_number_is_expected() {
        YamlMap root = SampleScenario.parse("count: '12'\nbig: 1_000\nratio: \"30%\"\n");
        assertEquals(12, root.integer("count", 0, 0, 100));
        assertEquals(1000, root.integer("big", 0, 0, 10_000));
        assertEquals(0.3, root.fraction("ratio", 0), 1e-12);
    }

    @Test
    void a_bound_at_the_limit_of_the_type_reads_at_least() {
        YamlMap root = SampleScenario.parse("count: 0\n");
        root.integer("count", 1, Integer.MAX_VALUE);
        assertEquals("'count' must be at least 1, was 0", root.problems().list().get(0).message());
    }

    @Test
    void a_missing_required_mapping_is_reported_once_not_once_per_key_inside() {
        YamlMap root = SampleScenario.parse("name: q\n");
        YamlMap camera = root.map("camera");
        camera.string("id");
        camera.integer("count", 1, 5);
        assertEquals(List.of("missing required key 'camera'"),
                root.problems().list().stream().map(ScenarioProblem::message).toList());
    }

    @Test
    void merge_keys_bring_in_defaults_and_explicit_keys_win() {
        YamlMap root = SampleScenario.parse("""
                defaults: &d
                  storage: 64GB
                  audio: true
                camera:
                  <<: *d
                  storage: 128GB
                """);
        root.map("defaults");
        YamlMap camera = root.map("camera");
        assertEquals(List.of("storage", "audio"), camera.keys());
        assertEquals(128_000_000_000L, camera.dataSize("storage", 0, 0, Long.MAX_VALUE));
        assertTrue(camera.bool("audio", false));
    }

    @Test
    void an_unread_merged_key_is_reported_where_it_is_written() {
        YamlMap root = SampleScenario.parse("""
                defaults: &d
                  storage: 64GB
                  colour: red
                camera:
                  <<: *d
                """);
        root.map("defaults").dataSize("storage", 0, 0, Long.MAX_VALUE);
        root.map("defaults").string("colour");
        root.map("camera").dataSize("storage", 0, 0, Long.MAX_VALUE);
        root.finish();
        ScenarioException e = assertThrows(ScenarioException.class, root.problems()::throwIfAny);
        assertEquals(List.of("3:3: unknown key 'colour'"),
                e.problems().stream().map(p -> p.line() + ":" + p.column() + ": " + p.message()).toList());
    }

    @Test
    void finish_reaches_mappings_inside_lists_and_reports_each_key_once() {
        YamlMap root = SampleScenario.parse("""
                groups:
                  - nme: a
                  - - name: b
                      extra: 1
                """);
        List<YamlNode> groups = root.list("groups").nodes();
        ((YamlMap) groups.get(0)).optionalString("name");
        ((YamlList) groups.get(1)).maps().get(0).string("name");
        root.finish();
        root.finish();
        assertEquals(List.of("unknown key 'nme', did you mean 'name'?", "unknown key 'extra'"),
                root.problems().list().stream().map(ScenarioProblem::message).toList());
    }

    @Test
    void an_element_of_the_wrong_kind_is_reported_with_its_path() {
        YamlMap root = SampleScenario.parse("groups:\n  - name: a\n  - just text\n");
        assertEquals(1, root.list("groups").maps().size());
        assertEquals(List.of("3:5: 'groups[1]': expected a mapping of keys, found 'just text'"),
                root.problems().list().stream().map(p -> p.line() + ":" + p.column() + ": " + p.message()).toList());
    }

    @Test
    void nodes_know_their_position_and_path() {
        YamlMap root = SampleScenario.parse(SampleScenario.VALID);
        YamlMap patrol = root.list("groups").maps().get(0);
        assertEquals(new SourcePosition("scenarios/sample.yaml", 14, 5), patrol.position());
        assertEquals("groups[0]", patrol.path());
        assertEquals("groups[0].camera", patrol.map("camera").path());
        assertEquals(Optional.of(new SourcePosition("scenarios/sample.yaml", 15, 5)), patrol.keyPosition("count"));
        assertTrue(root.has("seed"));
        assertFalse(root.has("officer"));
    }

    @Test
    void the_model_can_report_its_own_problems_at_a_node() {
        YamlMap root = SampleScenario.parse("groups:\n  - name: a\n  - name: a\n");
        List<YamlMap> groups = root.list("groups").maps();
        groups.get(0).string("name");
        groups.get(1).string("name");
        root.problems().report(groups.get(1).node("name").orElseThrow(), "group name 'a' is used twice",
                "give each group its own name");
        ScenarioException e = assertThrows(ScenarioException.class, root.problems()::throwIfAny);
        assertEquals("3:11", e.problems().get(0).line() + ":" + e.problems().get(0).column());
        assertEquals("  - name: a", e.problems().get(0).sourceLineText());
    }
}
