package io.bodycam.backend.http;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.bodycam.sim.camera.Camera;
import io.bodycam.sim.camera.CameraConfig;
import io.bodycam.sim.camera.CameraSnapshot;
import io.bodycam.sim.state.DockPhase;
import io.bodycam.sim.state.Mode;
import io.bodycam.sim.state.Trigger;
import io.bodycam.sim.event.CameraEvent;
import io.bodycam.sim.event.FirmwareApplied;
import io.bodycam.sim.event.FirmwareDownloadStarted;
import io.bodycam.sim.event.FirmwareOffered;
import io.bodycam.sim.event.FirmwareRejected;
import io.bodycam.sim.event.PriorityUploadCompleted;
import io.bodycam.sim.event.Reboot;
import io.bodycam.sim.event.SegmentPurged;
import io.bodycam.sim.net.Transport;
import io.bodycam.sim.testing.RecordingTelemetry;
import io.bodycam.sim.time.Scheduler;
import io.bodycam.sim.time.TimerLagListener;
import io.bodycam.sim.time.WallClock;
import io.bodycam.sim.wiring.CameraWiring;
import io.bodycam.sim.wiring.WiredCamera;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A real camera (tus and ranged GETs over loopback, virtual time 1000 times faster) against the
 * reference evidence server: firmware offered at the dock's config sync or by command, fetched in
 * ranges, verified against the server's signing key, applied; and a priority upload over LTE.
 */
class CameraUpdatesOverHttpTest {

    private static final double SPEED = 1000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EvidenceLedger ledger = new EvidenceLedger();
    private final List<CameraEvent> events = new CopyOnWriteArrayList<>();
    private EvidenceServer server;
    private EventLoopGroup group;
    private WallClock clock;
    private Camera camera;
    private WiredCamera wired;
    private RecordingTelemetry mqtt;

    @BeforeEach
    void start() {
        clock = WallClock.startingAt(System.currentTimeMillis(), SPEED, TimerLagListener.NONE);
        server = new EvidenceServer(clock, ledger, new DeviceConfigStore(),
                EvidenceServerConfig.builder().threads(1).build()).start();
        server.firmware().publish("4.13.0", 300_000);
        group = Transport.best().newGroup(1);
        EventLoop loop = group.next();
        Scheduler scheduler = clock.scheduler(loop);
        CameraConfig config = CameraConfig.builder("IPD-0001").payloadScale(0.001).seed(5)
                .firmwareKey(server.firmware().publicKey()).build();
        wired = CameraWiring.builder(config).on(loop, clock).telemetry(h -> mqtt = new RecordingTelemetry(scheduler, h))
                .upload(server.uri()).tus(t -> t.chunkSize(16 * 1024).requestTimeout(Duration.ofSeconds(2)))
                .listener(events::add).build();
        camera = wired.camera();
        camera.powerOn();
        await().atMost(Duration.ofSeconds(5)).until(() -> snapshot().mode() == Mode.READY_BUFFERING);
    }

    @AfterEach
    void stop() {
        camera.powerOff();
        wired.closeLinks();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        server.close();
    }

    private CameraSnapshot snapshot() {
        return camera.snapshot().join();
    }

    private <T extends CameraEvent> List<T> events(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** Records for {@code length} of virtual time (two segments and a bit), then stops. */
    private void record(Duration length) {
        camera.trigger(Trigger.BUTTON);
        await().atMost(Duration.ofSeconds(5)).until(() -> snapshot().mode() == Mode.RECORDING);
        long from = clock.now();
        await().atMost(Duration.ofSeconds(10)).until(() -> clock.now() - from >= length.toMillis());
        camera.stopRecording();
    }

    private void offer(FirmwareReleases.Image kind, boolean byCommand) throws Exception {
        var offer = server.firmware().offer("4.13.0", kind, clock.now(), clock.now());
        if (byCommand) {
            Map<String, Object> cmd = new LinkedHashMap<>();
            cmd.put("id", "fw-" + kind);
            cmd.put("type", "updateFirmware");
            cmd.put("params", offer.params());
            String json = JSON.writeValueAsString(cmd);
            camera.scheduler().execute(() -> mqtt.deliverCommand(json));
        } else {
            server.firmware().offerTo("IPD-0001", offer);
        }
    }

    @Test
    void evidence_first_then_the_firmware_offered_at_the_docks_config_sync_is_fetched_verified_and_applied() throws Exception {
        record(Duration.ofMinutes(7));
        offer(FirmwareReleases.Image.GENUINE, false);

        camera.dock();
        await().atMost(Duration.ofSeconds(30)).until(() -> "4.13.0".equals(snapshot().firmware())
                && snapshot().mode() == Mode.DOCKED && snapshot().dockPhase() == DockPhase.IDLE);
        assertEquals("dock", events(FirmwareOffered.class).get(0).source());
        long purged = events(SegmentPurged.class).stream().mapToLong(CameraEvent::time).max().orElseThrow();
        assertTrue(events(FirmwareDownloadStarted.class).get(0).time() >= purged, "evidence before firmware");
        assertTrue(snapshot().stored().isEmpty());
        assertEquals(300_000, server.firmware().bytesServed(), "fetched once, in ranges");
        assertTrue(server.firmware().rangesServed() >= 300_000 / 65_536, "in 64 KiB ranges");
        FirmwareApplied applied = events(FirmwareApplied.class).get(0);
        assertEquals(Map.of("from", "4.12.3", "to", "4.13.0"), Map.of("from", applied.from(), "to", applied.to()));
        assertEquals("4.13.0", mqtt.lastState().path("firmware").asText());
    }

    @Test
    void a_tampered_image_and_one_signed_by_another_key_are_rejected_over_http() throws Exception {
        camera.dock();
        await().atMost(Duration.ofSeconds(5)).until(() -> snapshot().dockPhase() == DockPhase.IDLE);
        offer(FirmwareReleases.Image.TAMPERED, true);
        await().atMost(Duration.ofSeconds(20)).until(() -> events(FirmwareRejected.class).size() == 1);
        assertTrue(events(FirmwareRejected.class).get(0).reason().startsWith("sha256 mismatch"));

        offer(FirmwareReleases.Image.BAD_SIGNATURE, true);
        await().atMost(Duration.ofSeconds(20)).until(() -> events(FirmwareRejected.class).size() == 2);
        assertTrue(events(FirmwareRejected.class).get(1).reason().startsWith("bad signature"));
        assertEquals("4.12.3", snapshot().firmware());
        assertTrue(events(Reboot.class).isEmpty());
    }

    @Test
    void a_priority_upload_sends_the_latest_recording_over_the_lte_link_and_the_backend_verifies_it() {
        record(Duration.ofMinutes(7));
        await().atMost(Duration.ofSeconds(5)).until(() -> snapshot().mode() == Mode.READY_BUFFERING);
        int segments = snapshot().stored().size();

        camera.priorityUpload();
        await().atMost(Duration.ofSeconds(30)).until(() -> events(PriorityUploadCompleted.class).size() == 1);
        assertEquals(Mode.READY_BUFFERING, snapshot().mode());
        assertTrue(snapshot().stored().isEmpty());
        assertEquals(segments, ledger.snapshot().entries().size());
        assertTrue(ledger.snapshot().entries().stream().allMatch(e -> e.status() == EvidenceStatus.VERIFIED && e.copies() == 1),
                ledger.snapshot()::toString);
    }
}
