package io.bodycam.bench.faults;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bodycam.backend.http.DeviceConfigStore;
import io.bodycam.backend.http.EvidenceLedger;
import io.bodycam.backend.http.EvidenceServer;
import io.bodycam.backend.http.EvidenceServerConfig;
import io.bodycam.backend.http.EvidenceStatus;
import io.bodycam.backend.http.HttpFaults;
import io.bodycam.bench.ledger.BackendView;
import io.bodycam.bench.ledger.DeviceLedger;
import io.bodycam.bench.ledger.LedgerCheck;
import io.bodycam.sim.camera.Camera;
import io.bodycam.sim.camera.CameraConfig;
import io.bodycam.sim.camera.CameraSnapshot;
import io.bodycam.sim.state.DockPhase;
import io.bodycam.sim.state.Mode;
import io.bodycam.sim.state.Trigger;
import io.bodycam.sim.event.CameraEvent;
import io.bodycam.sim.net.Transport;
import io.bodycam.sim.recording.SegmentManifest;
import io.bodycam.sim.testing.RecordingTelemetry;
import io.bodycam.sim.time.Scheduler;
import io.bodycam.sim.time.TimerLagListener;
import io.bodycam.sim.time.WallClock;
import io.bodycam.sim.wiring.CameraWiring;
import io.bodycam.sim.wiring.WiredCamera;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A real camera (tus over loopback, virtual time 1000 times faster) against the reference evidence
 * server, with camera and backend faults injected: what the backend holds afterwards and what the
 * ledger check makes of it.
 */
class CameraEvidenceFaultsTest {

    private static final double SPEED = 1000;

    private final EvidenceLedger ledger = new EvidenceLedger();
    private final DeviceLedger deviceLedger = new DeviceLedger();
    private final List<CameraEvent> events = new CopyOnWriteArrayList<>();
    private EvidenceServer server;
    private EventLoopGroup group;
    private WallClock clock;
    private Camera camera;
    private WiredCamera wired;

    @BeforeEach
    void start() {
        clock = WallClock.startingAt(System.currentTimeMillis(), SPEED, TimerLagListener.NONE);
        server = new EvidenceServer(clock, ledger, new DeviceConfigStore(),
                EvidenceServerConfig.builder().threads(1).build()).start();
        group = Transport.best().newGroup(1);
        EventLoop loop = group.next();
        Scheduler scheduler = clock.scheduler(loop);
        wired = CameraWiring.builder(CameraConfig.builder("IPD-0001").payloadScale(0.001).seed(5).build())
                .on(loop, clock).telemetry(h -> new RecordingTelemetry(scheduler, h)).upload(server.uri())
                .tus(t -> t.chunkSize(16 * 1024).requestTimeout(Duration.ofSeconds(2)).maxAttempts(20))
                .listener(e -> {
                    events.add(e);
                    deviceLedger.onEvent(e);
                }).build();
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

    @Test
    void a_damaged_segment_is_caught_and_held_and_a_duplicate_upload_leaves_one_copy() {
        camera.faults().corruptNextSegment();
        record(Duration.ofMinutes(3));
        camera.faults().duplicateNextUpload();
        record(Duration.ofMinutes(3));
        List<SegmentManifest> recorded = snapshot().stored();
        assertEquals(2, recorded.size(), recorded::toString);

        camera.dock();
        await().atMost(Duration.ofSeconds(20)).until(() -> snapshot().dockPhase() == DockPhase.IDLE
                && snapshot().uploadable() == 0);

        SegmentManifest damaged = recorded.get(0);
        SegmentManifest duplicated = recorded.get(1);
        assertEquals(List.of(damaged), snapshot().stored(), "the damaged copy stays on the camera");
        assertEquals(EvidenceStatus.CORRUPT, ledger.entry("IPD-0001", damaged.segmentId()).orElseThrow().status());
        assertEquals(EvidenceStatus.VERIFIED, ledger.entry("IPD-0001", duplicated.segmentId()).orElseThrow().status());
        assertEquals(1, ledger.entry("IPD-0001", duplicated.segmentId()).orElseThrow().copies(), "no second copy");
        assertEquals(1, ledger.snapshot().counters().duplicatesRejected());
        assertEquals(1, types("segment.damaged"), "caught once, not retried");

        LedgerCheck.Result r = LedgerCheck.check(deviceLedger,
                Map.of("IPD-0001", Set.of(damaged.segmentId())), view());
        assertEquals(2, r.recorded());
        assertEquals(1, r.verified());
        assertEquals(1, r.corrupt());
        assertEquals(1, r.corruptInjected(), "every injected corruption detected");
        assertEquals(0, r.duplicated() + r.lost() + r.pending() + r.corruptAccepted(), r.problems()::toString);
    }

    @Test
    void uploads_through_backend_errors_and_lost_answers_end_verified_with_one_copy_each() {
        record(Duration.ofMinutes(7));
        server.faults().set(HttpFaults.Settings.NONE.withErrors(0.2, 503)
                .withLostResponses(0.2, HttpFaults.LostResponse.CLOSE));

        camera.dock();
        await().atMost(Duration.ofSeconds(30)).until(() -> snapshot().dockPhase() == DockPhase.IDLE
                && snapshot().stored().isEmpty());
        assertTrue(server.faults().counts().errors() + server.faults().counts().lostResponses() > 0,
                server.faults().counts()::toString);
        LedgerCheck.Result r = LedgerCheck.check(deviceLedger, Map.of("IPD-0001", Set.of()), view());
        assertEquals(r.recorded(), r.verified(), r.problems()::toString);
        assertEquals(0, r.duplicated());
        assertTrue(ledger.snapshot().entries().stream().allMatch(e -> e.copies() == 1), ledger.snapshot()::toString);
    }

    private void record(Duration length) {
        camera.trigger(Trigger.BUTTON);
        long until = clock.now() + length.toMillis();
        await().atMost(Duration.ofSeconds(5)).until(() -> clock.now() >= until);
        camera.stopRecording();
        await().atMost(Duration.ofSeconds(5)).until(() -> snapshot().mode() == Mode.READY_BUFFERING);
    }

    private CameraSnapshot snapshot() {
        return camera.snapshot().join();
    }

    private long types(String type) {
        return events.stream().filter(e -> e.type().equals(type)).count();
    }

    private BackendView view() {
        return new BackendView() {
            @Override
            public Optional<Held> lookup(String deviceId, String segmentId) {
                return ledger.entry(deviceId, segmentId).map(e -> new Held(e.status() == EvidenceStatus.VERIFIED,
                        e.status() == EvidenceStatus.INCOMPLETE ? null : e.computedSha256(), e.copies()));
            }

            @Override
            public Optional<Set<String>> allKeys() {
                return Optional.of(ledger.snapshot().entries().stream()
                        .map(e -> BackendView.key(e.deviceId(), e.segmentId())).collect(Collectors.toSet()));
            }

            @Override
            public String method() {
                return "the embedded backend's ledger, read by the test";
            }
        };
    }
}
