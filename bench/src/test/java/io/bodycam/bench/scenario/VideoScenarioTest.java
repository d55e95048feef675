package io.bodycam.bench.scenario;

import io.bodycam.bench.scenario.yaml.ScenarioException;
import io.bodycam.sim.video.Resolution;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The scenario language's {@code payload: mp4} and {@code video:} block. */
class VideoScenarioTest {

    private static final String FLEET = """
            fleet:
              - count: 3
            """;

    @Test
    void payload_mp4_films_720p_at_4_mbit_by_default_and_keeps_the_evidence() {
        Scenario s = ScenarioLoader.parse("t.yaml", "name: t\nduration: 1h\npayload: mp4\n" + FLEET);
        assertEquals(PayloadMode.MP4, s.payload());
        assertEquals(Resolution.P720, s.video().format().resolution());
        assertEquals(4_000_000, s.video().format().bitsPerSecond());
        assertFalse(s.video().format().overlay());
        assertFalse(s.video().format().audioInBuffer());
        assertTrue(s.video().keepEvidence());
    }

    @Test
    void the_video_block_sets_resolution_bitrate_overlay_audio_and_keeping() {
        Scenario s = ScenarioLoader.parse("t.yaml", """
                name: t
                duration: 1h
                payload: mp4
                video:
                  resolution: 360p
                  bitrate: 700kbit/s
                  overlay: true
                  audioInBuffer: true
                  keepEvidence: false
                """ + FLEET);
        assertEquals(Resolution.P360, s.video().format().resolution());
        assertEquals(700_000, s.video().format().bitsPerSecond());
        assertTrue(s.video().format().overlay());
        assertTrue(s.video().format().audioInBuffer());
        assertFalse(s.video().keepEvidence());
    }

    @Test
    void synthetic_scenarios_have_no_video() {
        assertNull(ScenarioLoader.parse("t.yaml", "name: t\nduration: 1h\n" + FLEET).video());
    }

    @Test
    void a_video_block_without_mp4_is_an_error_at_its_line() {
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioLoader.parse("t.yaml",
                "name: t\nduration: 1h\nvideo:\n  resolution: 360p\n" + FLEET));
        assertTrue(e.getMessage().contains("t.yaml:3:1: video: applies to payload: mp4 only"), e.getMessage());
    }

    @Test
    void payload_scale_with_mp4_is_refused_with_what_to_do_instead() {
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioLoader.parse("t.yaml",
                "name: t\nduration: 1h\npayload: mp4\npayloadScale: 0.01\n" + FLEET));
        assertTrue(e.getMessage().contains("t.yaml:4:"), e.getMessage());
        assertTrue(e.getMessage().contains("payloadScale shrinks synthetic payloads only"), e.getMessage());
        assertTrue(e.getMessage().contains("video.resolution: 360p"), e.getMessage());
    }

    @Test
    void a_bad_resolution_names_the_choices() {
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioLoader.parse("t.yaml",
                "name: t\nduration: 1h\npayload: mp4\nvideo:\n  resolution: 1080p\n" + FLEET));
        assertTrue(e.getMessage().contains("t.yaml:5:") && e.getMessage().contains("720p or 360p"), e.getMessage());
    }

    @Test
    void the_overlay_is_refused_for_more_cameras_than_can_be_encoded_in_time() {
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioLoader.parse("t.yaml", """
                name: t
                duration: 1h
                clock:
                  speed: 60
                payload: mp4
                video:
                  overlay: true
                fleet:
                  - count: 20
                """));
        assertTrue(e.getMessage().contains("t.yaml:7:"), e.getMessage());
        assertTrue(e.getMessage().contains("20 cameras at speed 60 need 1200"), e.getMessage());
        Scenario small = ScenarioLoader.parse("t.yaml", """
                name: t
                duration: 1h
                payload: mp4
                video:
                  overlay: true
                fleet:
                  - count: 2
                """);
        assertTrue(small.video().format().overlay(), "two cameras in real time are fine");
    }
}
