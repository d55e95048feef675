package io.bodycam.bench.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bodycam.bench.run.ScenarioRunner;
import io.bodycam.bench.scenario.yaml.ScenarioException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The timeline's firmwareRollout and priorityUpload: what they read, and the errors for bad values. */
class UpdateActionsTest {

    private static final String HEAD = """
            name: m
            duration: 4h
            fleet:
              - name: night
                count: 10
            timeline:
            """;

    @Test
    void a_rollout_and_a_priority_upload_are_read_with_their_defaults() {
        Scenario s = ScenarioLoader.parse("ok.yaml", HEAD + """
                  - at: 1h
                    firmwareRollout: {group: night, version: "4.13.0", window: 2h, over: 1m}
                  - at: 1h
                    firmwareRollout: {count: 2, version: 4.13.0, window: 30m, image: tampered}
                  - at: 2h
                    priorityUpload: {fraction: 50%}
                """);
        var genuine = assertInstanceOf(TimelineEvent.FirmwareRollout.class, s.timeline().get(0).action());
        assertEquals("4.13.0", genuine.version());
        assertEquals(Duration.ofHours(2), genuine.window());
        assertEquals(100_000_000L, genuine.size(), "100 MB nominal by default");
        assertEquals(TimelineEvent.FirmwareRollout.Image.GENUINE, genuine.image());
        assertEquals(Duration.ofMinutes(1), s.timeline().get(0).over());
        var bad = (TimelineEvent.FirmwareRollout) s.timeline().get(1).action();
        assertEquals(TimelineEvent.FirmwareRollout.Image.TAMPERED, bad.image());
        assertEquals(2, s.timeline().get(1).select().count());
        assertInstanceOf(TimelineEvent.PriorityUpload.class, s.timeline().get(2).action());
        assertEquals(0.5, s.timeline().get(2).select().fraction(), 1e-9);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "window zero | '{version: \"4.13.0\", window: 0s}' | 8:50 | 'window' must be 1s..30d, was 0s",
        "window negative | '{version: \"4.13.0\", window: -1h}' | 8:50 | 'window' must be 1s..30d, was -1h",
        "no window | '{version: \"4.13.0\"}' | 8:22 | missing required key 'window' in 'timeline[0].firmwareRollout'",
        "no version | '{window: 2h}' | 8:22 | missing required key 'version' in 'timeline[0].firmwareRollout'",
        "bad version | '{version: \"4.13-beta\", window: 2h}' | 8:32 | 'version' must be 2 to 4 dot-separated numbers like \"4.13.0\", was '4.13-beta'",
        "bad image | '{version: \"4.13.0\", window: 2h, image: forged}' | 8:61 | 'image': unknown value 'forged'",
        "size too small | '{version: \"4.13.0\", window: 2h, size: 10B}' | 8:60 | 'size' must be 1kB..4GiB, was 10B",
        "misspelt key | '{version: \"4.13.0\", windo: 2h}' | 8:42 | unknown key 'windo', did you mean 'window'?",
    })
    void a_bad_rollout_is_refused_with_file_line_column_and_a_fix(String what, String mapping, String where, String message) {
        var e = assertThrows(ScenarioException.class, () -> ScenarioLoader.parse("broken.yaml",
                HEAD + "  - at: 1h\n    firmwareRollout: " + mapping + "\n"));
        assertTrue(e.problems().stream().anyMatch(p -> p.format().startsWith("broken.yaml:" + where + ": " + message)),
                "got:\n" + e.getMessage());
    }

    @Test
    void one_version_is_one_image() {
        var e = assertThrows(ScenarioException.class, () -> ScenarioLoader.parse("broken.yaml", HEAD + """
                  - at: 1h
                    firmwareRollout: {version: "4.13.0", window: 2h, size: 100MB}
                  - at: 1h
                    firmwareRollout: {version: "4.13.0", window: 2h, size: 150MB, image: bad-signature}
                """));
        assertTrue(e.problems().get(0).format().startsWith("broken.yaml:10:60: firmware 4.13.0 has size 150000000 B here but "
                + "100000000 B in an earlier rollout: one version is one image"), e.getMessage());
    }

    @Test
    void priority_upload_takes_only_selector_keys() {
        var e = assertThrows(ScenarioException.class, () -> ScenarioLoader.parse("broken.yaml",
                HEAD + "  - at: 1h\n    priorityUpload: {fraction: 10%, recording: latest}\n"));
        assertTrue(e.problems().get(0).format().startsWith("broken.yaml:8:37: unknown key 'recording'"), e.getMessage());
    }

    @Test
    void a_rollout_against_an_external_backend_is_refused_before_the_run() {
        Scenario s = ScenarioLoader.parse("external.yaml", """
                name: ext
                duration: 4h
                backend: {mqtt: "tcp://127.0.0.1:1883", upload: "http://127.0.0.1:8080"}
                fleet:
                  - count: 2
                timeline:
                  - at: 1h
                    firmwareRollout: {version: "4.13.0", window: 2h}
                """);
        assertEquals("firmwareRollout needs the embedded backend: it releases, signs and serves the images "
                + "(an external backend offers firmware itself; send updateFirmware with a command action)",
                ScenarioRunner.refusal(s).orElseThrow());
    }
}
