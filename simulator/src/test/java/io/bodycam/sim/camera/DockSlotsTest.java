package io.bodycam.sim.camera;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bodycam.sim.event.UploadVerified;
import io.bodycam.sim.link.UploadSlots;
import io.bodycam.sim.state.Trigger;
import io.bodycam.sim.testing.FakeEvidenceBackend;
import io.bodycam.sim.testing.RecordingTelemetry;
import io.bodycam.sim.time.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Cameras docked at one site share its upload connections: with one slot, the second camera starts its
 * time sync only after the first has sent, verified and purged everything and given its connection back.
 */
class DockSlotsTest {

    private final ManualClock clock = new ManualClock(CameraRig.START);

    private final class Docked {
        final FakeEvidenceBackend backend;
        final List<Object> events = new ArrayList<>();
        final Camera camera;

        Docked(String id, UploadSlots slots) {
            CameraConfig config = CameraConfig.builder(id).seed(id.hashCode()).payloadScale(0.001).build();
            backend = new FakeEvidenceBackend(clock, config.uploadPayloadBytesPerSecond());
            camera = new Camera(config, clock, h -> new RecordingTelemetry(clock, h), backend, events::add, null, slots);
        }

        long verified() {
            return events.stream().filter(UploadVerified.class::isInstance).count();
        }
    }

    @Test
    void with_one_slot_two_docked_cameras_upload_one_after_the_other_and_both_finish() {
        UploadSlots.Bounded slots = (UploadSlots.Bounded) UploadSlots.bounded(1);
        Docked a = new Docked("IPD-0001", slots);
        Docked b = new Docked("IPD-0002", slots);
        for (Docked d : List.of(a, b)) {
            d.camera.powerOn();
        }
        clock.advance(Duration.ofMinutes(1));
        for (Docked d : List.of(a, b)) {
            d.camera.trigger(Trigger.BUTTON);
        }
        clock.advance(Duration.ofMinutes(12));
        for (Docked d : List.of(a, b)) {
            d.camera.stopRecording();
        }
        a.camera.dock();
        b.camera.dock();

        int bothAtOnce = 0;
        for (int s = 0; s < 3_600 && (a.verified() == 0 || b.verified() == 0 || slots.held() > 0); s++) {
            clock.advance(Duration.ofSeconds(1));
            if (a.backend.uploadsInFlight() > 0 && b.backend.uploadsInFlight() > 0) {
                bothAtOnce++;
            }
        }

        assertEquals(0, bothAtOnce, "seconds in which both cameras had an upload in flight");
        assertTrue(a.verified() > 1 && b.verified() > 1, "verified: " + a.verified() + " and " + b.verified());
        assertTrue(a.camera.snapshot().join().stored().isEmpty() && b.camera.snapshot().join().stored().isEmpty(),
                "every segment purged");
        assertEquals(1, a.backend.idleDisconnects(), "the first camera gave its connection back once");
        assertEquals(1, b.backend.idleDisconnects(), "the second too");
        assertEquals(1, slots.peakWaiting(), "one camera waited");
        assertEquals(0, slots.held(), "every slot back");
    }

    @Test
    void undocking_while_waiting_for_a_slot_withdraws_the_request() {
        UploadSlots.Bounded slots = (UploadSlots.Bounded) UploadSlots.bounded(1);
        UploadSlots.Ticket held = slots.request(() -> { });
        Docked a = new Docked("IPD-0003", slots);
        a.camera.powerOn();
        clock.advance(Duration.ofMinutes(1));
        a.camera.dock();
        clock.advance(Duration.ofSeconds(5));
        a.camera.undock();
        held.close();
        clock.advance(Duration.ofSeconds(5));

        assertEquals(0, slots.held(), "the undocked camera was not given the slot");
        assertEquals(0, a.backend.idleDisconnects());
    }
}
