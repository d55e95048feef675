package io.bodycam.bench.fleet;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.bodycam.bench.observer.DeviceView;
import io.bodycam.bench.observer.FleetObserver;
import io.bodycam.bench.observer.TopicKind;
import io.bodycam.bench.scenario.Scenario;
import io.bodycam.bench.scenario.ScenarioLoader;
import io.bodycam.sim.net.Transport;
import io.bodycam.sim.testing.MosquittoProcess;
import io.bodycam.sim.time.WallClock;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cameras whose device profile puts their topics elsewhere than {@code bwc/v1} talk to Debian's
 * Mosquitto, and the observer, following the same profile, sees every one of them online and parses
 * their messages without calling any malformed.
 */
class ProfileTopicsRunTest {

    private static final String PROFILE = """
            name: acme
            mqtt:
              statusWill: true
              topics:
                status: {topic: "acme/{agency}/{group}/{deviceId}/presence", qos: 1, retain: true}
                state:  {topic: "acme/{agency}/{group}/{deviceId}/state", qos: 1, retain: true}
                gps:    {topic: "acme/{agency}/{group}/{deviceId}/position", qos: 0, retain: false}
                events: {topic: "acme/{agency}/{group}/{deviceId}/log", qos: 1, retain: false}
                ack:    {topic: "acme/{agency}/{group}/{deviceId}/order/reply", qos: 1, retain: false}
                cmd:    {topic: "acme/{agency}/{group}/{deviceId}/order"}
            upload:
              protocol: tus
              proof: read-back
            services: []
            """;

    @Test
    void cameras_on_a_profiles_topics_are_all_seen_online_by_the_observer_on_mosquitto(@TempDir Path dir) throws Exception {
        assumeTrue(MosquittoProcess.findBinary().isPresent(), "skipped: /usr/sbin/mosquitto is not installed "
                + "(apt-get install -y mosquitto)");
        try (MosquittoProcess mosquitto = MosquittoProcess.start()) {
            Files.writeString(dir.resolve("acme.yaml"), PROFILE);
            Files.writeString(dir.resolve("s.yaml"), """
                    name: acme-topics
                    duration: 10m
                    backend:
                      mqtt: %s
                      upload: http://127.0.0.1:1/files/
                      profile: acme.yaml
                    fleet:
                      - name: north
                        count: 4
                        idPattern: N-{index:00}
                      - name: south
                        count: 3
                        idPattern: S-{index:00}
                        agency: kcpd
                    """.formatted(mosquitto.url()));
            Scenario scenario = ScenarioLoader.load(dir.resolve("s.yaml"));
            List<String> seen = new CopyOnWriteArrayList<>();
            MqttClient spy = new MqttClient(mosquitto.url(), "spy", new MemoryPersistence());
            spy.connect();
            spy.subscribe("#", (topic, message) -> seen.add(topic));
            try (FleetObserver observer = new FleetObserver(mosquitto.url(), "+", WallClock.realTime(),
                         scenario.backend().profile().topics());
                 Fleet fleet = new Fleet(scenario, Fleet.Routes.direct(URI.create(mosquitto.url()),
                         scenario.backend().upload()), WallClock.realTime(), Transport.best(), 2, e -> { })) {
                observer.start();
                fleet.members().forEach(m -> m.camera().scheduler().run(m.camera()::powerOn));
                await().atMost(Duration.ofSeconds(30)).until(() -> observer.onlineCount() == 7);
                await().atMost(Duration.ofSeconds(30)).until(() -> observer.stats().received(TopicKind.STATE) >= 7);
                assertEquals(List.of("N-01", "N-02", "N-03", "N-04", "S-05", "S-06", "S-07"),
                        observer.devices().stream().map(DeviceView::deviceId).toList());
                assertEquals(0, observer.stats().malformed(), "the observer parsed every message of the profile");
                assertTrue(seen.contains("acme/kcpd/south/S-05/presence"), "topics seen: " + seen);
                assertTrue(seen.stream().noneMatch(t -> t.startsWith("bwc/")), "nothing on bwc/v1: " + seen);
            } finally {
                spy.disconnect();
                spy.close();
            }
        }
    }

    /** acme's topics, and payloads of acme's own shape: renamed, nested, other units and time formats. */
    private static final String MAPPED = PROFILE.replace("  statusWill: true\n", """
              statusWill: true
              payloads:
                status:
                  fields: {status: presence, ts: {to: time, format: iso8601}}
                state:
                  fields: {mode: device.mode, battery.pct: batteryLevel, ts: {to: time, format: epochSeconds}}
                  add: {vendor: acme}
                gps:
                  fields: {lat: position.latitude, lon: position.longitude, speed: {to: speedKmh, scale: 3.6}}
                  drop: [hdop, satellites]
                ack:
                  fields: {ok: success}
                cmd:
                  fields: {type: command, params: args}
            """);

    @Test
    void payloads_in_a_profiles_own_shape_are_read_back_and_commands_go_out_in_it(@TempDir Path dir) throws Exception {
        assumeTrue(MosquittoProcess.findBinary().isPresent(), "skipped: /usr/sbin/mosquitto is not installed "
                + "(apt-get install -y mosquitto)");
        try (MosquittoProcess mosquitto = MosquittoProcess.start()) {
            Files.writeString(dir.resolve("acme.yaml"), MAPPED);
            Files.writeString(dir.resolve("s.yaml"), """
                    name: acme-payloads
                    duration: 10m
                    backend:
                      mqtt: %s
                      upload: http://127.0.0.1:1/files/
                      profile: acme.yaml
                    fleet:
                      - name: north
                        count: 3
                        idPattern: N-{index:00}
                        camera: {gpsIntervalIdle: 1s}
                    """.formatted(mosquitto.url()));
            Scenario scenario = ScenarioLoader.load(dir.resolve("s.yaml"));
            java.util.Map<String, String> last = new java.util.concurrent.ConcurrentHashMap<>();
            MqttClient spy = new MqttClient(mosquitto.url(), "spy", new MemoryPersistence());
            spy.connect();
            spy.subscribe("acme/#", (topic, message) -> last.put(topic, new String(message.getPayload(),
                    java.nio.charset.StandardCharsets.UTF_8)));
            try (FleetObserver observer = new FleetObserver(mosquitto.url(), "+", WallClock.realTime(),
                         scenario.backend().profile().topics());
                 Fleet fleet = new Fleet(scenario, Fleet.Routes.direct(URI.create(mosquitto.url()),
                         scenario.backend().upload()), WallClock.realTime(), Transport.best(), 2, e -> { })) {
                observer.start();
                fleet.members().forEach(m -> m.camera().scheduler().run(m.camera()::powerOn));
                await().atMost(Duration.ofSeconds(30)).until(() -> observer.onlineCount() == 3);
                await().atMost(Duration.ofSeconds(30)).until(() -> observer.stats().received(TopicKind.GPS) >= 3
                        && observer.stats().received(TopicKind.STATE) >= 3);
                var ack = observer.sendCommand("ipd", "N-02", "setConfig", java.util.Map.of("gpsIntervalIdle", "2s"),
                        Duration.ofSeconds(20)).get(30, java.util.concurrent.TimeUnit.SECONDS);

                assertTrue(ack.ok(), "the camera read the mapped command and the observer its mapped ack: " + ack);
                assertEquals(0, observer.stats().malformed(), "every mapped message read back into the contract's shape");
                DeviceView n1 = observer.devices().get(0);
                assertTrue(n1.gps().isPresent() && Math.abs(n1.gps().get().lat()) > 1, "position read back: " + n1.gps());
                assertTrue(n1.state().isPresent(), "state read back");
                com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
                var gps = json.readTree(last.get("acme/ipd/north/N-01/position"));
                assertTrue(gps.at("/position/latitude").isNumber() && gps.has("speedKmh"), gps::toString);
                assertTrue(!gps.has("lat") && !gps.has("hdop") && !gps.has("satellites"), gps::toString);
                var state = json.readTree(last.get("acme/ipd/north/N-01/state"));
                assertEquals("acme", state.path("vendor").asText(), state::toString);
                assertTrue(state.at("/device/mode").isTextual() && state.path("time").isNumber() && !state.has("ts"),
                        state::toString);
                var status = json.readTree(last.get("acme/ipd/north/N-01/presence"));
                assertEquals("online", status.path("presence").asText(), status::toString);
                assertTrue(status.path("time").asText().endsWith("Z"), status::toString);
            } finally {
                spy.disconnect();
                spy.close();
            }
        }
    }
}
