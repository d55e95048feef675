package io.bodycam.bench.recovery;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bodycam.backend.broker.EmbeddedBroker;
import io.bodycam.bench.observer.FleetObserver;
import io.bodycam.bench.observer.LatencySummary;
import io.bodycam.bench.faults.Direction;
import io.bodycam.bench.faults.FaultProxies;
import io.bodycam.bench.faults.FaultProxy;
import io.bodycam.bench.faults.Toxic;
import io.bodycam.bench.faults.ToxicKind;
import io.bodycam.sim.camera.Camera;
import io.bodycam.sim.camera.CameraConfig;
import io.bodycam.sim.link.MqttTelemetryLink;
import io.bodycam.sim.mqtt.MqttClientConfig;
import io.bodycam.sim.net.Transport;
import io.bodycam.sim.testing.FakeEvidenceBackend;
import io.bodycam.sim.time.WallClock;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A real camera on the reference broker (HiveMQ CE) through a fault proxy, watched by the observer:
 * how long the backend takes to see it offline when its network is cut (the broker's keep-alive x
 * 1.5, then the Will) or its power dies (the socket closes, the Will at once), and how long the fleet
 * takes to come back.
 */
class OfflineDetectionTest {

    private static final Duration KEEP_ALIVE = Duration.ofSeconds(2);
    private static final AtomicInteger CAMERAS = new AtomicInteger();
    private static EmbeddedBroker broker;

    private final WallClock clock = WallClock.realTime();
    private final OfflineDetection detection = new OfflineDetection(1.0);
    private final RecoveryTracker recovery = new RecoveryTracker();
    private final String device = String.format("IPD-%04d", CAMERAS.incrementAndGet());
    private FaultProxies proxies;
    private FaultProxy proxy;
    private FleetObserver observer;
    private EventLoopGroup group;
    private Camera camera;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedBroker.builder().build();
        broker.start();
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @BeforeEach
    void start() throws IOException {
        proxies = new FaultProxies(1, 3);
        proxy = proxies.create("mqtt", URI.create(broker.url()));
        observer = new FleetObserver(broker.url(), "+", clock);
        observer.onPresence(detection);
        observer.onPresence(recovery);
        observer.start();
        group = Transport.best().newGroup(1);
        EventLoop loop = group.next();
        MqttClientConfig base = MqttClientConfig.builder().host("127.0.0.1").port(proxy.port()).clientId("unset")
                .keepAlive(KEEP_ALIVE).connectTimeout(Duration.ofSeconds(1))
                .backoffInitial(Duration.ofMillis(100)).backoffMax(Duration.ofMillis(500)).build();
        CameraConfig config = CameraConfig.builder(device).agency("kcpd").build();
        camera = new Camera(config, clock.scheduler(loop),
                h -> new MqttTelemetryLink(base, config.agency(), device, loop, Transport.best(), clock.scheduler(loop), h,
                        new SplittableRandom(1)),
                new FakeEvidenceBackend(clock.scheduler(loop), 1_000_000), e -> {
                    detection.onEvent(e);
                    recovery.onEvent(e);
                });
        camera.powerOn();
        await().atMost(Duration.ofSeconds(15)).until(() -> observer.device(device).map(d -> d.online()).orElse(false));
    }

    @AfterEach
    void stop() {
        camera.powerOff();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        observer.close();
        proxies.close();
    }

    @Test
    void a_cut_network_is_seen_offline_through_the_will_within_one_and_a_half_keep_alives() {
        proxy.add(Toxic.of(new ToxicKind.Timeout(Duration.ZERO), Direction.UPSTREAM));
        proxy.add(Toxic.of(new ToxicKind.Timeout(Duration.ZERO), Direction.DOWNSTREAM));
        detection.connectionLost(device, clock.now());

        await().atMost(Duration.ofSeconds(10)).until(() -> detection.summary().count() == 1);
        LatencySummary s = detection.summary();
        long bound = KEEP_ALIVE.toMillis() * 3 / 2;
        assertTrue(s.maxMillis() <= bound + 500, "offline seen after " + s.maxMillis() + " ms, keep-alive x 1.5 is " + bound);
        assertTrue(s.maxMillis() >= KEEP_ALIVE.toMillis() / 2, "not before the broker could know: " + s.maxMillis());
        assertEquals("connection lost", observer.device(device).orElseThrow().offlineReason().orElse(""));
        assertEquals(0, detection.undetected());
    }

    @Test
    void after_the_network_comes_back_the_tracker_measures_the_time_to_all_online() {
        proxy.add(Toxic.of(new ToxicKind.Timeout(Duration.ZERO), Direction.UPSTREAM).named("cut-up"));
        proxy.add(Toxic.of(new ToxicKind.Timeout(Duration.ZERO), Direction.DOWNSTREAM).named("cut-down"));
        await().atMost(Duration.ofSeconds(10)).until(() -> !observer.device(device).orElseThrow().online());

        proxy.clear();
        recovery.faultEnded(clock.now());

        await().atMost(Duration.ofSeconds(15)).until(() -> recovery.allOnlineAfter().isPresent());
        assertTrue(recovery.allOnlineAfter().getAsLong() < 10_000, "back online after " + recovery.allOnlineAfter());
        assertEquals(1, recovery.faults());
    }

    @Test
    void a_power_loss_closes_the_socket_and_the_will_comes_at_once() {
        camera.faults().powerLoss();

        await().atMost(Duration.ofSeconds(5)).until(() -> detection.summary().count() == 1);
        assertTrue(detection.summary().maxMillis() < 1_000, "seen after " + detection.summary().maxMillis() + " ms");
    }
}
