package io.bodycam.bench.run;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bodycam.bench.backend.http.DeviceConfigStore;
import io.bodycam.bench.backend.http.EvidenceLedger;
import io.bodycam.bench.backend.http.EvidenceServer;
import io.bodycam.bench.backend.http.EvidenceServerConfig;
import io.bodycam.bench.backend.http.EvidenceStatus;
import io.bodycam.bench.backend.observer.CommandAck;
import io.bodycam.bench.backend.observer.DeviceView;
import io.bodycam.bench.backend.observer.FleetObserver;
import io.bodycam.bench.backend.observer.TopicKind;
import io.bodycam.bench.ledger.BackendView;
import io.bodycam.bench.ledger.LedgerCheck;
import io.bodycam.bench.scenario.Backend;
import io.bodycam.bench.scenario.Behaviour;
import io.bodycam.bench.scenario.FleetGroup;
import io.bodycam.bench.scenario.PayloadMode;
import io.bodycam.bench.scenario.Scenario;
import io.bodycam.bench.scenario.TimelineEvent;
import io.bodycam.sim.camera.CameraSnapshot;
import io.bodycam.sim.camera.Mode;
import io.bodycam.sim.camera.Trigger;
import io.bodycam.sim.net.Transport;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Twenty real cameras (Netty MQTT and tus over loopback sockets) against a broker and the reference
 * evidence server, judged by the Paho observer. One subclass per broker; each test asks the broker
 * under test for its URL.
 */
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

    /** The broker under test, started by the subclass. */
    abstract URI broker();

    Scenario scenario(UnaryOperatorCamera camera) {
        return Scenario.builder("contract").seed(11).duration(Duration.ofHours(2)).clockSpeed(SPEED)
                .backend(Backend.external(broker(), URI.create("http://127.0.0.1:1"), Backend.MqttVersion.V3_1_1))
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
        Scenario s = scenario(camera);
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
        }
        observer.close();
        events.close();
        evidence.close();
    }

    @Test
    void every_camera_comes_online_and_reports_its_state_and_position() {
        startFleet(b -> b.gpsIntervals(Duration.ofSeconds(10), Duration.ofSeconds(30)));
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
                .until(() -> ScenarioRunner.drained(fleet.snapshots()));
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

    @Test
    void commands_are_acknowledged_and_a_malformed_one_changes_nothing() {
        startFleet(b -> b);
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
    void a_camera_whose_battery_dies_is_seen_offline_through_its_will() {
        // 1 % at 7.5 %/h lasts 8 virtual minutes: 8 wall seconds
        startFleet(b -> b.deviceId().equals("FC-03")
                ? b.battery(io.bodycam.sim.power.BatteryModel.DEFAULT, 1) : b);
        await("FC-03 offline by its Last Will").atMost(Duration.ofSeconds(30)).until(() ->
                observer.device("FC-03").map(d -> d.presence() == DeviceView.Presence.OFFLINE).orElse(false));
        assertEquals(CAMERAS - 1, observer.onlineCount());
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
        };
    }

}
