package io.bodycam.sim.camera;

import io.bodycam.sim.state.Mode;
import io.bodycam.sim.state.DockPhase;
import io.bodycam.sim.state.Trigger;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.bodycam.sim.camera.internal.Lifecycle;
import io.bodycam.sim.event.FaultPowerLoss;
import io.bodycam.sim.event.ModeChanged;
import io.bodycam.sim.link.Topic;
import io.bodycam.sim.recording.SegmentManifest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PowerLossTest {

    /** Booted, recording for 12 minutes: two complete 5-minute segments and 2 minutes in the open one. */
    private static CameraRig recordingTwelveMinutes() {
        CameraRig rig = new CameraRig(b -> b.payloadScale(0.001).preEvent(Duration.ZERO)).booted();
        rig.camera.trigger(Trigger.BUTTON);
        rig.advance(Duration.ofMinutes(12));
        return rig;
    }

    @Test
    void power_loss_mid_recording_is_abrupt_no_offline_no_stop_event_and_the_open_segment_is_gone() {
        CameraRig rig = recordingTwelveMinutes();
        int statusBefore = rig.mqtt.on(Topic.STATUS).size();

        rig.camera.faults().powerLoss();

        CameraSnapshot s = rig.snapshot();
        assertEquals(Mode.OFF, s.mode());
        assertEquals(1, rig.mqtt.abruptStops(), "the socket just dies: the broker publishes the Will");
        assertEquals(0, rig.mqtt.gracefulStops());
        assertEquals(statusBefore, rig.mqtt.on(Topic.STATUS).size(), "no offline status of its own");
        assertTrue(rig.mqtt.events("recording.stopped").isEmpty(), "nothing was closed");
        assertEquals(2, s.stored().size(), "the two complete segments survive: " + s.stored());
        assertEquals(0, s.storageUsed() - s.stored().stream().mapToLong(SegmentManifest::nominalBytes).sum(),
                "no room stays reserved for the lost segment");
        FaultPowerLoss note = rig.events(FaultPowerLoss.class).get(0);
        assertEquals("RECORDING", note.mode().name());
        assertEquals(120_000L, note.cut().lostMs());
    }

    @Test
    void the_next_boot_recovers_the_recording_up_to_its_last_complete_segment_and_says_what_was_lost() {
        CameraRig rig = recordingTwelveMinutes();
        long segmentsEnd = rig.snapshot().stored().get(1).end();
        rig.camera.faults().powerLoss();
        rig.advance(Duration.ofMinutes(1));

        rig.camera.powerOn();
        rig.advance(rig.camera.config().bootTime());
        assertEquals(Mode.RECOVERING_INTERRUPTED, rig.snapshot().mode());
        assertEquals(2, rig.mqtt.events("boot").get(1).path("recovered").asInt());

        rig.advance(Duration.ofMillis(Lifecycle.RECOVERY_MILLIS));
        assertEquals(Mode.READY_BUFFERING, rig.snapshot().mode());
        JsonNode recovered = rig.mqtt.events("recording.recovered").get(0);
        assertEquals("IPD-0001-R00001", recovered.path("recordingId").asText());
        assertEquals(2, recovered.path("segmentsKept").asInt());
        assertEquals(segmentsEnd, recovered.path("keptUntil").asLong(), "kept up to the end of the last complete segment");
        assertEquals(120_000, recovered.path("lostMs").asLong(), recovered.toString());
        assertEquals(List.of("RECORDING", "OFF", "BOOTING", "RECOVERING_INTERRUPTED", "READY_BUFFERING"),
                rig.events(ModeChanged.class).stream().map(e -> e.to().name()).toList().subList(2, 7));
    }

    @Test
    void the_recovered_segments_upload_and_verify_like_any_other() {
        CameraRig rig = recordingTwelveMinutes();
        rig.camera.faults().powerLoss();
        rig.camera.dock();
        rig.advance(Duration.ofMinutes(10));

        assertTrue(rig.snapshot().stored().isEmpty(), "uploaded and purged: " + rig.snapshot().stored());
        assertEquals(DockPhase.IDLE, rig.snapshot().dockPhase());
        assertEquals(2, rig.backend.hashes().size());
        assertEquals(1, rig.mqtt.events("recording.recovered").size(), "the dock boots through recovery too");
    }

    @Test
    void power_loss_while_buffering_boots_normally_without_recovery() {
        CameraRig rig = new CameraRig().booted();
        rig.camera.faults().powerLoss();
        rig.camera.powerOn();
        rig.advance(rig.camera.config().bootTime());

        assertEquals(Mode.READY_BUFFERING, rig.snapshot().mode());
        assertEquals(0, rig.mqtt.events("boot").get(1).path("recovered").asInt());
        assertTrue(rig.mqtt.events("recording.recovered").isEmpty());
    }

    @Test
    void power_lost_again_during_recovery_leaves_the_recovery_for_the_boot_after() {
        CameraRig rig = recordingTwelveMinutes();
        rig.camera.faults().powerLoss();
        rig.camera.powerOn();
        rig.advance(rig.camera.config().bootTime().plusSeconds(1));
        assertEquals(Mode.RECOVERING_INTERRUPTED, rig.snapshot().mode());

        rig.camera.faults().powerLoss();
        rig.advance(Duration.ofMinutes(1));
        assertTrue(rig.mqtt.events("recording.recovered").isEmpty(), "cut short, nothing announced");

        rig.camera.powerOn();
        rig.advance(rig.camera.config().bootTime().plusMillis(Lifecycle.RECOVERY_MILLIS));
        assertEquals(Mode.READY_BUFFERING, rig.snapshot().mode());
        assertEquals(1, rig.mqtt.events("recording.recovered").size());
    }

    @Test
    void power_loss_mid_upload_keeps_the_segment_and_the_next_dock_finishes_it() {
        CameraRig rig = new CameraRig(b -> b.payloadScale(0.001)).booted();
        rig.camera.trigger(Trigger.BUTTON);
        rig.advance(Duration.ofMinutes(3));
        rig.camera.stopRecording();
        rig.backend.pauseVerification();
        rig.camera.dock();
        rig.advance(Duration.ofMinutes(1));
        assertEquals(DockPhase.VERIFYING, rig.snapshot().dockPhase());

        rig.camera.faults().powerLoss();
        rig.backend.resumeVerification();
        rig.advance(Duration.ofMinutes(1));
        assertEquals(1, rig.snapshot().stored().size(), "an answer that arrives after the power died changes nothing");

        rig.camera.powerOn();
        rig.advance(Duration.ofMinutes(2));
        assertTrue(rig.snapshot().stored().isEmpty(), "verified after the reboot: " + rig.snapshot().stored());
        assertTrue(rig.mqtt.events("recording.recovered").isEmpty(), "it was not recording: nothing to recover");
    }
}
