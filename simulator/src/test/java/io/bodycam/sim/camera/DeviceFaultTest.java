package io.bodycam.sim.camera;

import io.bodycam.sim.state.Mode;
import io.bodycam.sim.state.Flag;
import io.bodycam.sim.state.Trigger;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.bodycam.sim.link.Topic;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** GPS loss, a full card and an exhausted battery, injected through {@link CameraFaults}. */
class DeviceFaultTest {

    @Test
    void gps_loss_reports_no_fix_for_its_duration_then_the_fix_comes_back() {
        CameraRig rig = new CameraRig(b -> b.gpsLossesPerHour(0)).booted();
        rig.camera.trigger(Trigger.BUTTON);
        rig.advance(Duration.ofSeconds(30));
        int before = rig.mqtt.on(Topic.GPS).size();

        rig.camera.faults().loseGps(Duration.ofMinutes(2));
        assertTrue(rig.snapshot().flags().contains(Flag.NO_GPS_FIX));
        rig.advance(Duration.ofMinutes(2).minusMillis(1));
        List<JsonNode> during = rig.mqtt.on(Topic.GPS).subList(before, rig.mqtt.on(Topic.GPS).size());
        assertEquals(11, during.size(), "GPS every 10 s while recording");
        assertTrue(during.stream().allMatch(g -> g.path("fix").asText().equals("none") && g.path("hdop").asDouble() == 99),
                "no fix during the outage: " + during);

        rig.advance(Duration.ofSeconds(20));
        assertFalse(rig.snapshot().flags().contains(Flag.NO_GPS_FIX), "flags: " + rig.snapshot().flags());
        JsonNode last = rig.mqtt.on(Topic.GPS).get(rig.mqtt.on(Topic.GPS).size() - 1);
        assertEquals("3d", last.path("fix").asText(), last.toString());
    }

    @Test
    void a_filled_card_stops_the_recording_refuses_new_ones_and_recovers_when_released() {
        CameraRig rig = new CameraRig(b -> b.payloadScale(0.001)).booted();
        rig.camera.trigger(Trigger.BUTTON);
        rig.advance(Duration.ofMinutes(1));

        rig.camera.faults().fillStorage();
        rig.advance(Duration.ofSeconds(1));
        CameraSnapshot full = rig.snapshot();
        assertEquals(Mode.READY_BUFFERING, full.mode());
        assertEquals("storage full", rig.mqtt.events("recording.stopped").get(0).path("reason").asText());
        assertTrue(full.flags().contains(Flag.STORAGE_FULL), "flags: " + full.flags());
        assertEquals(0, full.storageFree());
        assertEquals(1, full.stored().size(), "the minute recorded is kept");

        rig.mqtt.deliverCommand("{\"id\":\"c1\",\"type\":\"startRecording\"}");
        assertEquals("storage full", rig.mqtt.on(Topic.CMD_ACK).get(0).path("error").asText());

        rig.camera.faults().releaseStorage();
        assertFalse(rig.snapshot().flags().contains(Flag.STORAGE_FULL));
        rig.camera.trigger(Trigger.BUTTON);
        assertEquals(Mode.RECORDING, rig.snapshot().mode());
    }

    @Test
    void filling_the_card_of_an_idle_camera_says_storage_full_at_once() {
        CameraRig rig = new CameraRig().booted();
        rig.camera.faults().fillStorage();
        assertTrue(rig.snapshot().flags().contains(Flag.STORAGE_FULL));
        assertEquals(1, rig.mqtt.events("storage.full").size());
        assertEquals(0, rig.mqtt.events("storage.full").get(0).path("freeBytes").asLong());
    }

    @Test
    void a_battery_set_low_warns_and_one_set_empty_closes_the_recording_and_dies() {
        CameraRig rig = new CameraRig(b -> b.payloadScale(0.001)).booted();
        rig.camera.trigger(Trigger.BUTTON);
        rig.advance(Duration.ofMinutes(2));

        rig.camera.faults().setBatteryLevel(1.5);
        assertEquals(1, rig.mqtt.events("battery.low").size());
        assertEquals(1, rig.mqtt.events("battery.critical").size());
        assertTrue(rig.snapshot().flags().contains(Flag.CRITICAL_BATTERY));

        rig.camera.faults().setBatteryLevel(0);
        CameraSnapshot dead = rig.snapshot();
        assertEquals(Mode.OFF, dead.mode());
        assertEquals("battery", rig.mqtt.events("recording.stopped").get(0).path("reason").asText());
        assertEquals(1, rig.mqtt.abruptStops(), "the radio dies: the Will fires");
        assertEquals(1, dead.stored().size(), "the recording was closed and kept");
    }

    @Test
    void an_empty_battery_does_not_boot_outside_the_dock_but_charges_and_uploads_in_it() {
        CameraRig rig = new CameraRig(b -> b.payloadScale(0.001)).booted();
        rig.camera.trigger(Trigger.BUTTON);
        rig.advance(Duration.ofMinutes(2));
        rig.camera.faults().setBatteryLevel(0);

        rig.camera.powerOn();
        rig.advance(Duration.ofMinutes(1));
        assertEquals(Mode.OFF, rig.snapshot().mode(), "no boot on an empty battery");

        rig.camera.dock();
        rig.advance(Duration.ofMinutes(10));
        CameraSnapshot docked = rig.snapshot();
        assertEquals(Mode.DOCKED, docked.mode());
        assertTrue(docked.batteryPercent() > 0, "charging: " + docked.batteryPercent());
        assertTrue(docked.stored().isEmpty(), "uploaded: " + docked.stored());
    }

    @Test
    void bad_fault_arguments_are_refused_naming_the_field() {
        CameraFaults faults = new CameraRig().camera.faults();
        var battery = assertThrows(IllegalArgumentException.class, () -> faults.setBatteryLevel(101));
        assertEquals("battery level must be 0..100 %, was 101.0", battery.getMessage());
        var gps = assertThrows(IllegalArgumentException.class, () -> faults.loseGps(Duration.ZERO));
        assertTrue(gps.getMessage().startsWith("GPS loss duration must be"), gps.getMessage());
    }
}
