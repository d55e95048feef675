package io.bodycam.sim.camera;

import io.bodycam.sim.state.Mode;
import io.bodycam.sim.state.DockPhase;
import io.bodycam.sim.state.Trigger;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bodycam.sim.camera.internal.FirmwareUpdater;
import io.bodycam.sim.event.FirmwareApplied;
import io.bodycam.sim.event.FirmwareDownloadFailed;
import io.bodycam.sim.event.FirmwareDownloadPaused;
import io.bodycam.sim.event.FirmwareDownloadStarted;
import io.bodycam.sim.event.FirmwareDownloaded;
import io.bodycam.sim.event.FirmwareInterrupted;
import io.bodycam.sim.event.FirmwareOffered;
import io.bodycam.sim.event.FirmwareRejected;
import io.bodycam.sim.event.Reboot;
import io.bodycam.sim.event.SegmentPurged;
import io.bodycam.sim.firmware.FirmwareImage;
import io.bodycam.sim.firmware.FirmwareOffer;
import io.bodycam.sim.firmware.FirmwareSigner;
import io.bodycam.sim.link.Topic;
import io.bodycam.sim.upload.DeviceConfigResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** A firmware update on the manual clock: window, evidence first, verification, undock and power loss. */
class FirmwareUpdateTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final FirmwareSigner VENDOR = FirmwareSigner.generate();
    private static final String PATH = "/firmware/4.13.0";
    /** 20 MB: 6.4 virtual seconds at the dock's 25 Mbit/s. */
    private static final FirmwareImage IMAGE = FirmwareImage.of("4.13.0", 20_000_000);
    private static final String SHA = IMAGE.sha256();

    private static CameraRig rig(UnaryOperator<CameraConfig.Builder> tweak) {
        CameraRig rig = new CameraRig(b -> tweak.apply(b.firmwareKey(VENDOR.publicKey()))).booted();
        rig.backend.host(PATH, IMAGE);
        return rig;
    }

    private static CameraRig docked() {
        CameraRig rig = rig(b -> b);
        rig.camera.dock();
        rig.advance(Duration.ofSeconds(1));
        assertEquals(DockPhase.IDLE, rig.snapshot().dockPhase());
        return rig;
    }

    private static FirmwareOffer offer(CameraRig rig, Duration window) {
        long now = rig.clock.now();
        return VENDOR.offer(IMAGE, SHA, PATH, now, now + window.toMillis());
    }

    private static JsonNode send(CameraRig rig, String type, Map<String, Object> params) {
        Map<String, Object> cmd = new LinkedHashMap<>();
        cmd.put("id", "c-" + rig.mqtt.on(Topic.CMD_ACK).size());
        cmd.put("type", type);
        cmd.put("params", params);
        try {
            rig.mqtt.deliverCommand(JSON.writeValueAsString(cmd));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        List<JsonNode> acks = rig.mqtt.on(Topic.CMD_ACK);
        return acks.get(acks.size() - 1);
    }

    private static void assertAcked(JsonNode ack) {
        assertTrue(ack.path("ok").asBoolean(), ack.toString());
    }

    @Test
    void each_camera_downloads_at_its_own_seeded_moment_in_the_window_then_applies_and_reboots_into_it() {
        Duration window = Duration.ofHours(2);
        List<Long> starts = new ArrayList<>();
        for (long seed = 1; seed <= 6; seed++) {
            long s = seed;
            CameraRig rig = rig(b -> b.seed(s));
            rig.camera.dock();
            rig.advance(Duration.ofSeconds(1));
            FirmwareOffer offer = offer(rig, window);
            long slot = FirmwareUpdater.slot(offer, s);
            assertAcked(send(rig, "updateFirmware", offer.params()));

            rig.advance(Duration.ofMillis(slot - rig.clock.now() - 1));
            assertEquals(0, rig.backend.firmwareRequests(), "nothing fetched before the camera's moment");
            assertEquals("4.13.0", rig.snapshot().firmwarePending());
            rig.advance(Duration.ofMillis(1));
            List<FirmwareDownloadStarted> started = rig.events(FirmwareDownloadStarted.class);
            assertEquals(1, started.size());
            assertEquals(slot, started.get(0).time(), "download starts at the camera's moment");
            assertEquals(DockPhase.FIRMWARE_DOWNLOADING, rig.snapshot().dockPhase());
            starts.add(slot - offer.windowStart());

            rig.advance(Duration.ofMinutes(5));
            assertEquals(1, rig.events(FirmwareDownloaded.class).size());
            FirmwareApplied applied = rig.events(FirmwareApplied.class).get(0);
            assertEquals(Map.of("from", "4.12.3", "to", "4.13.0"), Map.of("from", applied.from(), "to", applied.to()));
            assertEquals("firmware 4.13.0", rig.mqtt.events("reboot").get(0).path("reason").asText());
            assertEquals("4.13.0", rig.mqtt.events("boot").get(1).path("firmware").asText(), "boot reports the new firmware");
            assertEquals("4.13.0", rig.mqtt.lastState().path("firmware").asText(), "state reports the new firmware");
            assertEquals("4.13.0", rig.snapshot().firmware());
            assertNull(rig.snapshot().firmwarePending());
            assertEquals(Mode.DOCKED, rig.snapshot().mode(), "back in the dock after the reboot");
            assertEquals(IMAGE.length(), rig.backend.firmwareBytes(), "the image fetched once");
        }
        assertEquals(starts.size(), starts.stream().distinct().count(), "moments differ: " + starts);
        assertTrue(starts.stream().allMatch(d -> d >= 0 && d < window.toMillis()), "all inside the window: " + starts);
        long spread = starts.stream().mapToLong(Long::longValue).max().orElseThrow() - starts.stream().mapToLong(Long::longValue).min().orElseThrow();
        assertTrue(spread > window.toMillis() / 3, "spread over the window, not bunched: " + starts);
    }

    @Test
    void evidence_is_uploaded_verified_and_purged_before_the_firmware_download_starts() {
        CameraRig rig = rig(b -> b.payloadScale(0.001));
        FirmwareImage small = FirmwareImage.of("4.13.0", 20_000);
        rig.backend.host(PATH, small);
        rig.camera.trigger(Trigger.BUTTON);
        rig.advance(Duration.ofMinutes(12));
        rig.camera.stopRecording();
        long now = rig.clock.now();
        assertAcked(send(rig, "updateFirmware", VENDOR.offer(small, small.sha256(), PATH, now, now).params()));
        rig.advance(Duration.ofMinutes(1));
        assertEquals(0, rig.backend.firmwareRequests(), "not docked: nothing fetched");

        rig.camera.dock();
        rig.advance(Duration.ofMinutes(10));
        long lastPurge = rig.events(SegmentPurged.class).stream().mapToLong(SegmentPurged::time).max().orElseThrow();
        assertEquals(3, rig.events(SegmentPurged.class).size());
        assertTrue(rig.events(FirmwareDownloadStarted.class).get(0).time() >= lastPurge, "firmware after the evidence");
        assertEquals("4.13.0", rig.snapshot().firmware());
    }

    @Test
    void an_image_signed_by_another_key_is_rejected_and_the_old_firmware_kept() {
        CameraRig rig = docked();
        FirmwareOffer forged = FirmwareSigner.generate().offer(IMAGE, SHA, PATH, rig.clock.now(), rig.clock.now());
        assertAcked(send(rig, "updateFirmware", forged.params()));
        rig.advance(Duration.ofMinutes(5));

        FirmwareRejected rejected = rig.events(FirmwareRejected.class).get(0);
        assertEquals("4.13.0", rejected.version());
        assertTrue(rejected.reason().startsWith("bad signature"), rejected.toString());
        assertTrue(rig.events(FirmwareApplied.class).isEmpty());
        assertTrue(rig.events(Reboot.class).isEmpty(), "no reboot");
        assertEquals("4.12.3", rig.snapshot().firmware());
        assertEquals("4.12.3", rig.mqtt.lastState().path("firmware").asText());
        assertNull(rig.snapshot().firmwarePending());
        assertEquals(DockPhase.IDLE, rig.snapshot().dockPhase());

        int requests = rig.backend.firmwareRequests();
        JsonNode again = send(rig, "updateFirmware", forged.params());
        assertFalse(again.path("ok").asBoolean());
        assertTrue(again.path("error").asText().startsWith("rejected before: bad signature"), again.toString());
        rig.advance(Duration.ofMinutes(5));
        assertEquals(requests, rig.backend.firmwareRequests(), "a rejected image is not fetched again");

        assertAcked(send(rig, "updateFirmware", offer(rig, Duration.ZERO).params()));
        rig.advance(Duration.ofMinutes(5));
        assertEquals("4.13.0", rig.snapshot().firmware(), "the genuine offer still goes through");
    }

    @Test
    void an_image_that_does_not_hash_to_its_signed_manifest_is_rejected() {
        CameraRig rig = docked();
        rig.backend.host(PATH, IMAGE.tampered());
        assertAcked(send(rig, "updateFirmware", offer(rig, Duration.ZERO).params()));
        rig.advance(Duration.ofMinutes(5));

        String reason = rig.events(FirmwareRejected.class).get(0).reason();
        assertTrue(reason.startsWith("sha256 mismatch: the image hashes to "), reason);
        assertTrue(reason.endsWith("its signed manifest says " + SHA), reason);
        assertEquals("4.12.3", rig.snapshot().firmware());
        assertTrue(rig.events(Reboot.class).isEmpty());
    }

    @Test
    void undocking_mid_download_pauses_it_and_the_next_dock_resumes_from_the_same_byte() {
        CameraRig rig = docked();
        assertAcked(send(rig, "updateFirmware", offer(rig, Duration.ZERO).params()));
        rig.advance(Duration.ofSeconds(3));
        assertEquals(DockPhase.FIRMWARE_DOWNLOADING, rig.snapshot().dockPhase());
        rig.camera.undock();
        FirmwareDownloadPaused paused = rig.events(FirmwareDownloadPaused.class).get(0);
        long at = paused.offset();
        assertTrue(at > 0 && at < IMAGE.length(), "paused part-way: " + paused);
        assertEquals(Mode.READY_BUFFERING, rig.snapshot().mode());

        int requests = rig.backend.firmwareRequests();
        rig.advance(Duration.ofHours(1));
        assertEquals(requests, rig.backend.firmwareRequests(), "nothing fetched out of the dock");
        assertEquals("4.13.0", rig.snapshot().firmwarePending());

        rig.camera.dock();
        rig.advance(Duration.ofMinutes(5));
        List<FirmwareDownloadStarted> started = rig.events(FirmwareDownloadStarted.class);
        assertEquals(2, started.size());
        assertEquals(at, started.get(1).offset(), "resumed where it stopped");
        assertEquals(1, rig.events(FirmwareDownloaded.class).get(0).resumes());
        assertTrue(rig.backend.firmwareBytes() <= IMAGE.length() + FirmwareUpdater.CHUNK,
                "at most the chunk in flight at the undock fetched twice: " + rig.backend.firmwareBytes());
        assertEquals("4.13.0", rig.snapshot().firmware(), "the resumed image hashed right and was applied");
    }

    @Test
    void a_failed_range_request_is_retried_after_the_retry_delay() {
        CameraRig rig = docked();
        rig.backend.failNextFirmware(1);
        assertAcked(send(rig, "updateFirmware", offer(rig, Duration.ZERO).params()));
        rig.advance(Duration.ofSeconds(10));
        assertTrue(rig.events(FirmwareDownloadFailed.class).get(0).error().contains("503"));
        assertEquals(DockPhase.IDLE, rig.snapshot().dockPhase());
        rig.advance(Duration.ofMinutes(5));
        assertEquals("4.13.0", rig.snapshot().firmware());
    }

    @Test
    void power_lost_mid_apply_boots_the_old_firmware_and_the_staged_image_is_applied_again() {
        CameraRig rig = docked();
        assertAcked(send(rig, "updateFirmware", offer(rig, Duration.ZERO).params()));
        rig.advance(Duration.ofSeconds(30));
        assertEquals(DockPhase.FIRMWARE_APPLYING, rig.snapshot().dockPhase());
        rig.camera.faults().powerLoss();
        assertEquals(Mode.OFF, rig.snapshot().mode());

        rig.camera.powerOn();
        rig.advance(rig.camera.config().bootTime());
        assertEquals("4.12.3", rig.mqtt.events("boot").get(1).path("firmware").asText(), "not bricked: the old firmware boots");
        JsonNode interrupted = rig.mqtt.events("firmware.interrupted").get(0);
        assertEquals("power loss mid-apply", interrupted.path("reason").asText());
        assertEquals("4.12.3", interrupted.path("running").asText());

        rig.advance(Duration.ofMinutes(5));
        assertEquals(1, rig.events(FirmwareDownloaded.class).size(), "the staged image is not downloaded again");
        assertEquals("4.13.0", rig.snapshot().firmware(), "applied again in the dock");
        assertEquals(1, rig.events(FirmwareApplied.class).size());
    }

    @Test
    void undocking_mid_apply_abandons_it_and_the_camera_records_on_its_old_firmware() {
        CameraRig rig = docked();
        assertAcked(send(rig, "updateFirmware", offer(rig, Duration.ZERO).params()));
        rig.advance(Duration.ofSeconds(30));
        assertEquals(DockPhase.FIRMWARE_APPLYING, rig.snapshot().dockPhase());
        rig.camera.undock();
        assertEquals("undocked mid-apply", rig.events(FirmwareInterrupted.class).get(0).reason());
        assertEquals(Mode.READY_BUFFERING, rig.snapshot().mode());

        rig.advance(Duration.ofMinutes(10));
        assertEquals("4.12.3", rig.snapshot().firmware());
        rig.camera.trigger(Trigger.BUTTON);
        assertEquals(Mode.RECORDING, rig.snapshot().mode(), "ready for duty at once");
        rig.advance(Duration.ofMinutes(1));
        rig.camera.stopRecording();

        int requests = rig.backend.firmwareRequests();
        rig.camera.dock();
        rig.advance(Duration.ofMinutes(10));
        assertEquals(requests, rig.backend.firmwareRequests(), "the staged image is kept, not fetched again");
        assertEquals("4.13.0", rig.snapshot().firmware());
    }

    @Test
    void a_rollback_is_refused_and_said() {
        CameraRig rig = docked();
        FirmwareImage old = FirmwareImage.of("4.11.0", 1000);
        JsonNode ack = send(rig, "updateFirmware", VENDOR.offer(old, old.sha256(), "/firmware/4.11.0", 0, 0).params());
        assertFalse(ack.path("ok").asBoolean());
        assertEquals("rollback refused: 4.11.0 is older than the running 4.12.3", ack.path("error").asText());
        assertEquals(ack.path("error").asText(), rig.mqtt.events("firmware.rejected").get(0).path("reason").asText());
        assertNull(rig.snapshot().firmwarePending());
    }

    @Test
    void the_version_already_running_is_acknowledged_and_changes_nothing() {
        CameraRig rig = docked();
        FirmwareImage same = FirmwareImage.of("4.12.3", 1000);
        assertAcked(send(rig, "updateFirmware", VENDOR.offer(same, same.sha256(), "/firmware/4.12.3", 0, 0).params()));
        assertTrue(rig.events(FirmwareOffered.class).isEmpty());
        assertNull(rig.snapshot().firmwarePending());
    }

    @Test
    void an_offer_in_the_docks_config_sync_is_taken_like_the_command() throws Exception {
        CameraRig rig = rig(b -> b);
        String json = JSON.writeValueAsString(offer(rig, Duration.ZERO).params());
        rig.backend.config(new DeviceConfigResponse(3, Map.of(), json));
        rig.camera.dock();
        rig.advance(Duration.ofMinutes(5));
        assertEquals("dock", rig.events(FirmwareOffered.class).get(0).source());
        assertEquals("4.13.0", rig.snapshot().firmware());
        assertEquals(1, rig.events(FirmwareOffered.class).size(), "the same offer at the next config sync is not taken again");
    }

    @Test
    void a_malformed_offer_in_the_config_sync_is_an_error_event_and_the_dock_goes_on() {
        CameraRig rig = rig(b -> b);
        rig.backend.config(new DeviceConfigResponse(3, Map.of(), "{\"version\":\"4.13.0\",\"url\":\"/firmware/4.13.0\"}"));
        rig.camera.dock();
        rig.advance(Duration.ofMinutes(1));
        JsonNode error = rig.mqtt.events("error").get(0);
        assertEquals("firmware-offer", error.path("code").asText());
        assertEquals("bytes must be a whole number", error.path("message").asText());
        assertEquals(DockPhase.IDLE, rig.snapshot().dockPhase());
    }

    @Test
    void a_camera_without_a_firmware_key_refuses_every_offer() {
        CameraRig rig = new CameraRig().booted();
        JsonNode ack = send(rig, "updateFirmware", offer(rig, Duration.ZERO).params());
        assertFalse(ack.path("ok").asBoolean());
        assertEquals("no firmware key configured: this camera cannot verify images", ack.path("error").asText());
    }
}
