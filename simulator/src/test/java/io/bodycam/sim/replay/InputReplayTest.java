package io.bodycam.sim.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bodycam.sim.camera.Camera;
import io.bodycam.sim.camera.CameraConfig;
import io.bodycam.sim.event.CameraEvent;
import io.bodycam.sim.link.UploadSlots;
import io.bodycam.sim.state.Trigger;
import io.bodycam.sim.testing.FakeEvidenceBackend;
import io.bodycam.sim.testing.RecordingTelemetry;
import io.bodycam.sim.time.ManualClock;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A camera's inputs written down by an {@link InputRecorder} over a 10-hour shift on a manual clock (recordings,
 * a command, a GPS loss, failed and slow uploads in the dock), then played by a {@link CameraPlayer} to a camera
 * built again alone: it does the same, event for event; a log with a step taken out is found out.
 */
class InputReplayTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonFactory FACTORY = new JsonFactory();
    private static final Instant START = Instant.parse("2027-01-04T07:00:00Z");

    private final ManualClock clock = new ManualClock(START);
    private final CameraConfig config = CameraConfig.builder("IPD-0007").seed(1234).build();
    private final List<String> lines = new ArrayList<>();
    private final List<String> recorded = new ArrayList<>();

    @BeforeEach
    void aShiftWrittenDown() {
        FakeEvidenceBackend backend = new FakeEvidenceBackend(clock, config.uploadPayloadBytesPerSecond());
        RecordingTelemetry[] mqtt = new RecordingTelemetry[1];
        Camera camera = new Camera(config, clock, h -> mqtt[0] = new RecordingTelemetry(clock, h), backend,
                e -> recorded.add(line(e)), null, UploadSlots.UNLIMITED, new InputRecorder(config.deviceId(), null, lines::add));
        camera.powerOn();
        clock.advance(Duration.ofMinutes(20));
        camera.trigger(Trigger.BUTTON, "traffic", true);
        clock.advance(Duration.ofMinutes(12));
        camera.stopRecording();
        mqtt[0].deliverCommand("{\"id\":\"c-1\",\"type\":\"startRecording\",\"params\":{\"category\":\"arrest\"}}");
        clock.advance(Duration.ofMinutes(7));
        camera.faults().loseGps(Duration.ofMinutes(3));
        clock.advance(Duration.ofMinutes(40));
        mqtt[0].deliverCommand("{\"id\":\"c-2\",\"type\":\"stopRecording\"}");
        clock.advance(Duration.ofHours(6));
        backend.failNextUploads(2);
        camera.dock();
        clock.advance(Duration.ofHours(3));
    }

    @Test
    void the_camera_played_alone_from_its_inputs_does_the_same_event_for_event() {
        Set<String> kinds = lines.stream().map(l -> node(l).path("k").asText()).collect(Collectors.toSet());
        assertTrue(kinds.containsAll(Set.of("new", "run", "in", "will", "up", "cmd", "res")), kinds.toString());
        assertTrue(recorded.stream().anyMatch(l -> l.contains("\"type\":\"upload.failed\"")), "two uploads failed");
        assertTrue(recorded.stream().anyMatch(l -> l.contains("\"type\":\"segment.purged\"")), "the rest were verified");

        assertEquals(recorded, played(lines));
    }

    @Test
    void a_log_with_a_step_taken_out_is_found_out() {
        List<String> cut = new ArrayList<>(lines);
        int answer = 0;
        for (int i = 0; i < cut.size(); i++) {
            if (node(cut.get(i)).path("k").asText().equals("res")) {
                answer = i;
                break;
            }
        }
        cut.remove(answer);

        PlaybackException e = assertThrows(PlaybackException.class, () -> played(cut));
        assertTrue(e.getMessage().contains("which the camera never made"), e.getMessage());
    }

    @Test
    void a_changed_time_changes_what_the_camera_says() {
        List<String> late = new ArrayList<>();
        for (String l : lines) {
            JsonNode n = node(l);
            late.add(n.path("k").asText().equals("in") && n.path("n").asText().equals("stopRecording")
                    ? l.replace("\"t\":" + n.path("t").asLong(), "\"t\":" + (n.path("t").asLong() + 1)) : l);
        }
        assertNotEquals(recorded, played(late), "the recording's end moved by a millisecond");
    }

    private List<String> played(List<String> log) {
        CameraPlayer player = new CameraPlayer(log.stream().map(InputReplayTest::node).toList());
        List<String> replayed = new ArrayList<>();
        player.build(config, e -> replayed.add(line(e)));
        while (player.step()) {
            // one input of the shift at a time
        }
        return replayed;
    }

    private static JsonNode node(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String line(CameraEvent e) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField("t", e.time());
            e.writeJson(g);
            g.writeEndObject();
        } catch (IOException x) {
            throw new UncheckedIOException(x);
        }
        return out.toString();
    }
}
