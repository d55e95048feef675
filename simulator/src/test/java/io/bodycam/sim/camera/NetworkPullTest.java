package io.bodycam.sim.camera;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bodycam.sim.event.FaultNetworkPulled;
import io.bodycam.sim.event.LinkUp;
import io.bodycam.sim.event.SegmentPurged;
import io.bodycam.sim.event.UploadFailed;
import io.bodycam.sim.state.DockPhase;
import io.bodycam.sim.state.Mode;
import io.bodycam.sim.state.Trigger;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@link CameraFaults#pullNetwork}: MQTT and HTTP go away together, and come back, on the manual clock. */
class NetworkPullTest {

    @Test
    void a_pulled_network_cuts_the_upload_in_flight_refuses_retries_and_the_upload_resumes_once_it_is_back() {
        CameraRig rig = new CameraRig(b -> b.payloadScale(0.01)).booted();
        rig.camera.trigger(Trigger.BUTTON);
        rig.advance(Duration.ofMinutes(3));
        rig.camera.stopRecording();
        rig.camera.dock();
        rig.advance(Duration.ofSeconds(2));
        assertEquals(DockPhase.UPLOADING, rig.snapshot().dockPhase(), "uploading when the network goes");
        assertEquals(1, rig.backend.uploadsInFlight());

        rig.camera.faults().pullNetwork(Duration.ofMinutes(5));
        rig.advance(Duration.ofMillis(1));
        assertEquals(0, rig.backend.uploadsInFlight(), "the upload in flight is cut");
        assertFalse(rig.mqtt.connected(), "MQTT drops without a goodbye");
        assertEquals(1, rig.events(FaultNetworkPulled.class).size());
        assertEquals(300_000, rig.events(FaultNetworkPulled.class).get(0).durationMs());
        assertEquals(1, rig.mqtt.abruptStops(), "the socket just dies: the broker publishes the Will");
        int uploadsBefore = rig.backend.uploads();

        rig.advance(Duration.ofMinutes(4));
        assertEquals(uploadsBefore, rig.backend.uploads(), "no request reaches the backend while the network is pulled");
        assertTrue(rig.events(UploadFailed.class).stream().allMatch(f -> f.error().contains("network pulled")
                        || f.error().contains("interrupted")), "failures say why: " + rig.events(UploadFailed.class));
        assertTrue(rig.events(UploadFailed.class).size() >= 2, "the dock retried meanwhile, and was refused");
        assertTrue(rig.events(SegmentPurged.class).isEmpty(), "nothing is deleted unverified");

        rig.advance(Duration.ofMinutes(10));
        assertTrue(rig.mqtt.connected(), "MQTT reconnects once the network is back");
        assertFalse(rig.events(LinkUp.class).isEmpty());
        CameraSnapshot after = rig.snapshot();
        assertEquals(Mode.DOCKED, after.mode());
        assertEquals(DockPhase.IDLE, after.dockPhase());
        assertEquals(0, after.uploadable(), "every segment went up once the network was back");
        assertEquals(rig.events(io.bodycam.sim.event.SegmentClosed.class).size(), rig.events(SegmentPurged.class).size());
    }

    @Test
    void an_outage_must_last_between_a_millisecond_and_a_day() {
        CameraRig rig = new CameraRig();
        assertEquals("network outage length must be 1 ms..1 day, was PT0S",
                assertThrows(IllegalArgumentException.class, () -> rig.camera.faults().pullNetwork(Duration.ZERO)).getMessage());
    }
}
