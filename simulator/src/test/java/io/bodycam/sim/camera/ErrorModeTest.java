package io.bodycam.sim.camera;

import io.bodycam.sim.state.Mode;
import io.bodycam.sim.state.Trigger;
import io.bodycam.sim.state.ErrorCode;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** An internal failure [S19]: the camera shows an error until rebooted. */
class ErrorModeTest {

    @Test
    void a_failure_while_booting_stays_an_error_until_the_camera_is_rebooted() {
        CameraRig rig = new CameraRig();
        rig.camera.powerOn();
        rig.advance(Duration.ofSeconds(1));
        rig.camera.fail(ErrorCode.INTERNAL, "sensor fault");
        rig.advance(rig.camera.config().bootTime().multipliedBy(2));

        assertEquals(Mode.ERROR, rig.snapshot().mode(), "the boot under way is abandoned");
        rig.camera.trigger(Trigger.BUTTON);
        assertEquals(Mode.ERROR, rig.snapshot().mode(), "no recording in error");

        rig.camera.reboot("fault");
        rig.advance(rig.camera.config().bootTime());
        assertEquals(Mode.READY_BUFFERING, rig.snapshot().mode());
    }

    @Test
    void a_failure_while_recording_closes_the_recording_and_reports_the_error() {
        CameraRig rig = new CameraRig().booted();
        rig.camera.trigger(Trigger.BUTTON);
        rig.advance(Duration.ofMinutes(1));
        rig.camera.fail(ErrorCode.INTERNAL, "encoder stalled");

        assertEquals(Mode.ERROR, rig.snapshot().mode());
        assertEquals("error", rig.mqtt.events("recording.stopped").get(0).path("reason").asText());
        JsonNode error = rig.mqtt.events("error").get(0);
        assertEquals("internal", error.path("code").asText(), error.toString());
        assertEquals("encoder stalled", error.path("message").asText());
        assertEquals(1, rig.snapshot().stored().size(), "the closed segment is kept");
    }
}
