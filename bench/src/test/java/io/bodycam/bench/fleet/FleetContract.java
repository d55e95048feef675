package io.bodycam.bench.fleet;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bodycam.bench.metrics.EventLog;
import io.bodycam.bench.metrics.RunCollector;
import io.bodycam.bench.testing.BrokerMatrix;
import io.bodycam.bench.testing.SharedBroker;
import io.bodycam.backend.http.DeviceConfigStore;
import io.bodycam.backend.http.EvidenceLedger;
import io.bodycam.backend.http.EvidenceServer;
import io.bodycam.backend.http.EvidenceServerConfig;
import io.bodycam.backend.http.EvidenceStatus;
import io.bodycam.bench.observer.CommandAck;
import io.bodycam.bench.observer.DeviceView;
import io.bodycam.bench.observer.FleetObserver;
import io.bodycam.bench.observer.TopicKind;
import io.bodycam.bench.ledger.BackendView;
import io.bodycam.bench.ledger.LedgerCheck;
import io.bodycam.bench.scenario.Backend;
import io.bodycam.bench.scenario.Behaviour;
import io.bodycam.bench.scenario.FleetGroup;
import io.bodycam.bench.scenario.PayloadMode;
import io.bodycam.bench.scenario.Scenario;
import io.bodycam.bench.scenario.TimelineEvent;
import io.bodycam.bench.timeline.Timeline;
import io.bodycam.sim.camera.CameraSnapshot;
import io.bodycam.sim.state.Mode;
import io.bodycam.sim.state.Trigger;
import io.bodycam.sim.net.Transport;
import io.bodycam.sim.testing.TestBroker;
import io.bodycam.sim.time.WallClock;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Twenty real cameras (Netty MQTT and tus over loopback sockets) against a broker and the reference
 * evidence server, judged by the Paho observer (MQTT 3.1.1). One subclass per broker of the
 * {@link BrokerMatrix}, started once per class; the cases where the cameras' MQTT level matters run at
 * 3.1.1 and 5, and skip 5, with the reason, on a broker that lacks it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class FleetContract {

    static final int CAMERAS = 20;
    /** Virtual time runs 60 times faster: a five-minute recording takes five wall seconds. */
    static final double SPEED = 60;

    WallClock clock;
    EvidenceServer evidence;
    FleetObserver observer;
    EventLog events;
    RunCollector collector;
    Fleet fleet;
    Path dir;
    TestBroker broker;

    /** Started (or shared) before the class's tests; skips them, with the reason, if the broker cannot run here. */
    @RegisterExtension
    final SharedBroker shared = new SharedBroker(brokerKind());

    /** The broker under test; a constant, since the extension field above asks for it during construction. */
    abstract BrokerMatrix brokerKind();

    @BeforeAll
    void takeBroker() {
        broker = shared.get();
    }

    URI broker() {
        return URI.create(broker.url());
    }

    Scenario scenario(Backend.MqttVersion version, UnaryOperatorCamera camera) {
        return Scenario.builder("contract").seed(11).duration(Duration.ofHours(2)).clockSpeed(SPEED)
                .backend(Backend.external(broker(), URI.create("http://127.0.0.1:1"), version).withClock(Backend.ServerClock.VIRTUAL))
                .payload(PayloadMode.SYNTHETIC, 0.001)
                .group(FleetGroup.builder("g").count(CAMERAS).idPattern("FC-{index:00}").agency("contract")
                        .camera(camera::apply).behaviour(Behaviour.builder().incidentsPerHour(0).build()).build())
                .event(TimelineEvent.of(Duration.ZERO, new TimelineEvent.PowerOn()).over(Duration.ofSeconds(60)))
                .build();
    }

    /** A camera tweak, as a scenario group applies it. */
    interface UnaryOperatorCamera {
        io.bodycam.sim.camera.CameraConfig.Builder apply(io.bodycam.sim.camera.CameraConfig.Builder b);
    }

    @BeforeEach
    void startBackendAndObserver(@TempDir Path tmp) throws Exception {
        dir = tmp;
        clock = WallClock.startingAt(System.currentTimeMillis(), SPEED, lag -> { });
        evidence = new EvidenceServer(clock, new EvidenceLedger(), new DeviceConfigStore(), EvidenceServerConfig.defaults()).start();
        observer = new FleetObserver(broker().toString(), "contract", clock);
        observer.start();
        events = new EventLog(dir.resolve("events.jsonl"));
        collector = new RunCollector(events);
    }

    void startFleet(UnaryOperatorCamera camera) {
        startFleet(Backend.MqttVersion.V3_1_1, camera);
    }

    /** Starts the fleet at {@code version}, skipping the case when the broker does not speak it. */
    void startFleet(Backend.MqttVersion version, UnaryOperatorCamera camera) {
        if (version == Backend.MqttVersion.V5) {
            Optional<String> why = broker.lacks(TestBroker.Limit.NO_MQTT_5);
            Assumptions.assumeTrue(why.isEmpty(), () -> broker.name() + ": " + why.orElseThrow());
        }
        Scenario s = scenario(version, camera);
        fleet = new Fleet(s, Fleet.Routes.direct(broker(), evidence.uri()), clock, Transport.best(), 2, collector);
        Timeline.schedule(s.timeline(), fleet.members(), s.seed(), clock.now(), fleet.station(), Timeline.Backstage.NONE);
        await("all cameras online as the observer sees them").atMost(Duration.ofSeconds(60))
                .until(() -> observer.onlineCount() == CAMERAS);
        await("all cameras booted").atMost(Duration.ofSeconds(60))
                .until(() -> collector.modeCounts().getOrDefault(Mode.READY_BUFFERING, 0) == CAMERAS);
    }

    @AfterEach
    void stop() {
        if (fleet != null) {
            fleet.close();
            fleet = null;
        }
        observer.close();
        events.close();
        evidence.close();
    }

    @ParameterizedTest(name = "MQTT {0}")
    @EnumSource(Backend.MqttVersion.class)
    void every_camera_comes_online_and_reports_its_state_and_position(Backend.MqttVersion version) {
        startFleet(version, b -> b.gpsIntervals(Duration.ofSeconds(10), Duration.ofSeconds(30)));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            for (DeviceView d : observer.devices()) {
                assertEquals("READY_BUFFERING", d.state().map(s -> s.mode()).orElse("none"), d.deviceId());
                assertTrue(d.gps().isPresent(), d.deviceId() + " sent no GPS");
            }
        });
        assertEquals(CAMERAS, observer.devices().size());
        assertEquals(0, observer.stats().malformed(), "every payload follows the contract");
    }

    @Test
    void recordings_are_uploaded_verified_and_purged_and_the_ledgers_agree() throws Exception {
        startFleet(b -> b);
        fleet.members().forEach(m -> m.camera().trigger(Trigger.BUTTON));
        await().atMost(Duration.ofSeconds(10)).until(() -> collector.modeCounts().getOrDefault(Mode.RECORDING, 0) == CAMERAS);
        await("seven virtual minutes of recording").atMost(Duration.ofSeconds(30)).until(() -> collector.ledger().size() >= CAMERAS);
        fleet.members().forEach(m -> m.camera().dock());

        await("every camera empty, docked and idle").atMost(Duration.ofSeconds(60))
                .until(() -> Fleet.drained(fleet.snapshots()));
        Map<String, Set<String>> onCamera = new HashMap<>();
        fleet.snapshots().forEach(s -> onCamera.put(s.deviceId(), Set.of()));
        LedgerCheck.Result r = LedgerCheck.check(collector.ledger(), onCamera, view(evidence.ledger()));
        assertEquals(r.recorded(), r.verified(), "problems: " + r.problems());
        assertEquals(0, r.lost() + r.corrupt() + r.duplicated() + r.pending() + r.unexpected());
        await().atMost(Duration.ofSeconds(10)).until(() -> observer.stats().events("segment.purged") == r.recorded());
        assertEquals(0, observer.stats().seq(TopicKind.EVENTS).missing(), "no QoS 1 event lost on the way");
        events.close();
        String log = Files.readString(dir.resolve("events.jsonl"), StandardCharsets.UTF_8);
        assertTrue(log.contains("\"type\":\"upload.verified\""), "events.jsonl records the verification");
    }

    @ParameterizedTest(name = "MQTT {0}")
    @EnumSource(Backend.MqttVersion.class)
    void commands_are_acknowledged_and_a_malformed_one_changes_nothing(Backend.MqttVersion version) {
        startFleet(version, b -> b);
        CommandAck ok = observer.sendCommand("contract", "FC-01", "startRecording", Map.of("trigger", "command"),
                Duration.ofSeconds(10)).join();
        assertTrue(ok.ok(), "ack: " + ok);
        CommandAck bad = observer.sendRaw("contract", "FC-02", "{not json".getBytes(StandardCharsets.UTF_8),
                Duration.ofSeconds(10)).join();
        assertFalse(bad.ok());
        assertTrue(bad.error().orElse("").startsWith("not JSON"), "error: " + bad.error());
        CameraSnapshot recording = fleet.members().get(0).camera().snapshot().join();
        CameraSnapshot untouched = fleet.members().get(1).camera().snapshot().join();
        assertEquals(Mode.RECORDING, recording.mode());
        assertEquals(Mode.READY_BUFFERING, untouched.mode());
        assertTrue(observer.commandRoundTripSummary().count() >= 1);
    }

    @Test
    void a_reboot_command_reboots_the_camera_once_not_again_at_every_reconnect() {
        startFleet(b -> b);
        CommandAck ack = observer.sendCommand("contract", "FC-01", "reboot", Map.of(), Duration.ofSeconds(10)).join();
        assertTrue(ack.ok(), "ack: " + ack);
        var camera = fleet.members().get(0).camera();
        await("rebooted").atMost(Duration.ofSeconds(20)).until(() -> camera.snapshot().join().boots() == 2
                && camera.snapshot().join().mode() == Mode.READY_BUFFERING && camera.snapshot().join().connected());
        await("and stays up: the command is acknowledged (PUBACK) before the reboot disconnects, so the broker "
                + "does not deliver it again").during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                .until(() -> camera.snapshot().join().boots() == 2);
    }

    @ParameterizedTest(name = "MQTT {0}")
    @EnumSource(Backend.MqttVersion.class)
    void a_camera_whose_battery_dies_is_seen_offline_through_its_will(Backend.MqttVersion version) {
        // 0.5 % at 7.5 %/h lasts 4 virtual minutes: 4 wall seconds, well after the whole fleet is up (65 virtual s)
        startFleet(version, b -> b.deviceId().equals("FC-03")
                ? b.battery(io.bodycam.sim.power.BatteryModel.DEFAULT, 0.5) : b);
        await("FC-03 offline by its Last Will").atMost(Duration.ofSeconds(30)).until(() ->
                observer.device("FC-03").map(d -> d.presence() == DeviceView.Presence.OFFLINE).orElse(false));
        assertEquals(CAMERAS - 1, observer.onlineCount());
    }

    @ParameterizedTest(name = "MQTT {0}")
    @EnumSource(Backend.MqttVersion.class)
    void messages_kept_while_the_broker_is_down_are_delivered_once_it_is_back(Backend.MqttVersion version) {
        Optional<String> cannot = broker.lacks(TestBroker.Limit.NO_RESTART);
        Assumptions.assumeTrue(cannot.isEmpty(), () -> broker.name() + ": " + cannot.orElseThrow());
        startFleet(version, b -> b);
        broker.kill();
        fleet.members().forEach(m -> m.camera().trigger(Trigger.BUTTON));
        await("recordings started while offline").atMost(Duration.ofSeconds(10))
                .until(() -> collector.modeCounts().getOrDefault(Mode.RECORDING, 0) == CAMERAS);
        assertTrue(fleet.mqttTotals().waiting() >= CAMERAS, "the recording.started events wait in the cameras' queues");
        broker.startAgain();

        // the observer counts cameras offline from its own disconnect until they say online again; a camera's
        // wall-time reconnect backoff can reach its 60 s cap while a slow broker (RabbitMQ: 5-15 s) restarts
        await("cameras back online").atMost(Duration.ofSeconds(120)).until(() -> observer.onlineCount() == CAMERAS);
        await("every kept message accepted by the broker").atMost(Duration.ofSeconds(30))
                .until(() -> fleet.mqttTotals().waiting() == 0);
        assertEquals(0, fleet.mqttTotals().droppedQueueFull(), "nothing dropped from the queues");
        fleet.members().forEach(m -> m.camera().stopRecording());
        await("events after the restart reach the observer").atMost(Duration.ofSeconds(30))
                .until(() -> observer.stats().events("recording.stopped") == CAMERAS);
        assertEquals(0, observer.stats().seq(TopicKind.EVENTS).missing(),
                "no gap; what the observer could not see while resubscribing counts as unobserved, not missing");
    }

    static BackendView view(EvidenceLedger ledger) {
        return new BackendView() {
            @Override
            public Optional<Held> lookup(String deviceId, String segmentId) {
                return ledger.entry(deviceId, segmentId).map(e -> new Held(e.status() == EvidenceStatus.VERIFIED,
                        e.computedSha256(), e.copies()));
            }

            @Override
            public Optional<Set<String>> allKeys() {
                return Optional.of(ledger.snapshot().entries().stream().map(e -> BackendView.key(e.deviceId(), e.segmentId()))
                        .collect(Collectors.toSet()));
            }

            @Override
            public String method() {
                return "the embedded backend's ledger, read by the test";
            }
        };
    }

}
