package io.bodycam.bench.scenario;

import java.util.List;

import org.junit.jupiter.api.io.TempDir;

import io.bodycam.bench.scenario.yaml.Substitutions;

import io.bodycam.bench.pki.FleetPki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bodycam.bench.scenario.yaml.ScenarioException;
import io.bodycam.sim.camera.CameraConfig;
import io.bodycam.sim.gps.PatrolStyle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class ScenarioLoaderTest {

    private static final String FULL = """
            name: full
            description: every key of the first format
            seed: 42
            duration: 3h
            clock:
              speed: 60
            backend:
              mqtt: tcp://127.0.0.1:1883
              upload: http://127.0.0.1:8080
              mqttVersion: "5"
            payload: synthetic
            payloadScale: 0.002
            fleet:
              - name: patrol
                count: 150
                idPattern: "IPD-{index:0000}"
                agency: ipd
                profile: patrol-foot
                camera:
                  bootTime: 3s
                  preEvent: 60s
                  segmentLength: 10m
                  maxRecording: 2h
                  videoBitrate: 6Mbit/s
                  storage: 128GB
                  storageLow: 8GB
                  batteryStart: 80%
                  gpsIntervalRecording: 5s
                  gpsIntervalIdle: 1m
                  heartbeat: 15s
                  dockUpload: 10Mbit/s
                  firmware: "5.0.1"
                  clockOffset: 2s
                  gpsLossesPerHour: 1
                  centre: {lat: 40.0, lon: -95.0}
              - name: desk
                count: 50
                idPattern: "DSK-{index}"
                profile: desk
            behaviour:
              incidentsPerHour: 0.8
              recordingDuration: {median: 8m, p95: 40m}
              flaggedShare: 20%
            timeline:
              - at: 0s
                powerOn: {over: 30s}
              - at: 1h
                surge: {fraction: 30%, over: 10s, length: 5m}
              - at: 90m
                command: {fraction: 10%, type: setConfig, params: {gpsIntervalIdle: 30s}}
              - at: 2h
                dock: {fraction: 100%, over: 5m}
              - at: 2h30m
                undock: {fraction: 50%}
            assertions:
              - evidence.lost == 0
              - mqtt.state.latency.p99 < 500ms
              - uploads.throughput > 5MB/s
              - evidence.bytesRecorded >= 1GB
            """;

    @Test
    void every_key_of_the_first_format_reaches_the_model() {
        Scenario s = ScenarioLoader.parse("full.yaml", FULL);
        assertEquals("full", s.name());
        assertEquals(42, s.seed());
        assertEquals(Duration.ofHours(3), s.duration());
        assertEquals(60, s.clockSpeed());
        assertFalse(s.backend().embedded());
        assertEquals("tcp://127.0.0.1:1883", s.backend().mqtt().toString());
        assertEquals(Backend.MqttVersion.V5, s.backend().mqttVersion());
        assertEquals(0.002, s.payloadScale());
        assertEquals(200, s.cameraCount());
        assertEquals("IPD-0007", s.fleet().get(0).deviceId(7));
        assertEquals("DSK-151", s.fleet().get(1).deviceId(151));

        CameraConfig c = s.fleet().get(0).camera().apply(CameraConfig.builder("IPD-0001")).build();
        assertEquals(Duration.ofSeconds(3), c.bootTime());
        assertEquals(Duration.ofSeconds(60), c.preEvent());
        assertEquals(Duration.ofMinutes(10), c.segmentLength());
        assertEquals(Duration.ofHours(2), c.maxRecording());
        assertEquals(6_000_000, c.videoBitsPerSecond());
        assertEquals(128_000_000_000L, c.storageCapacity());
        assertEquals(8_000_000_000L, c.storageLowThreshold());
        assertEquals(80, c.batteryStartPercent(), 1e-9);
        assertEquals(Duration.ofSeconds(5), c.gpsIntervalRecording());
        assertEquals(Duration.ofMinutes(1), c.gpsIntervalIdle());
        assertEquals(Duration.ofSeconds(15), c.heartbeat());
        assertEquals(10_000_000, c.dockUploadBitsPerSecond());
        assertEquals("5.0.1", c.firmware());
        assertEquals(Duration.ofSeconds(2), c.clockOffset());
        assertEquals(PatrolStyle.FOOT, c.patrol());
        assertEquals(40.0, c.centreLat());
        assertEquals(PatrolStyle.DESK, s.fleet().get(1).camera().apply(CameraConfig.builder("D")).build().patrol());

        Behaviour b = s.fleet().get(0).behaviour();
        assertEquals(0.8, b.incidentsPerHour());
        assertEquals(new Distribution.Lognormal(Duration.ofMinutes(8), Duration.ofMinutes(40)), b.duration());
        assertEquals(0.2, b.categories().stream().filter(Behaviour.Category::flagged).findFirst().orElseThrow().weight(), 1e-9);

        assertEquals(5, s.timeline().size());
        var surge = s.timeline().get(1);
        assertEquals(0.3, surge.select().fraction(), 1e-9);
        assertEquals(Duration.ofMinutes(5), ((TimelineEvent.Surge) surge.action()).length());
        var command = (TimelineEvent.Command) s.timeline().get(2).action();
        assertEquals("setConfig", command.type());
        assertEquals("30s", command.params().get("gpsIntervalIdle"));
        assertEquals(Duration.ofMinutes(150), s.timeline().get(4).at());

        assertEquals(4, s.assertions().size());
        assertEquals(500, s.assertions().get(1).value());
        assertEquals(5_000_000, s.assertions().get(2).value(), 1e-6);
        assertEquals(1e9, s.assertions().get(3).value());
    }

    static Stream<Path> shippedScenarios() throws Exception {
        return Files.list(Path.of("..", "scenarios")).filter(p -> p.toString().endsWith(".yaml")).sorted();
    }

    @ParameterizedTest
    @MethodSource("shippedScenarios")
    void every_shipped_scenario_is_valid(Path file, @TempDir Path pki) throws Exception {
        // tls-mosquitto.yaml names certificate files made beforehand (BODYCAM_PKI); the loader checks they exist
        new FleetPki(java.time.Clock.systemUTC()).create(pki, List.of("TLS-001"), 1);
        Scenario s = ScenarioLoader.load(file, new Substitutions(name -> "BODYCAM_PKI".equals(name) ? pki.toString()
                : System.getenv(name), java.util.Map.of()));
        assertTrue(s.cameraCount() > 0);
        assertFalse(s.assertions().isEmpty(), file + " has no assertions");
    }

    private static final String MINIMAL = """
            name: m
            duration: 1h
            fleet:
              - count: 2
            """;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "misspelt key | durration: 2h | 5:1 | unknown key 'durration', did you mean 'duration'?",
        "unknown metric | assertions: [evidence.lots == 0] | 5:14 | unknown metric 'evidence.lots', did you mean 'evidence.lost'?",
        "latency without unit | assertions: ['mqtt.state.latency.p99 < 500'] | 5:14 | mqtt.state.latency.p99 is compared with a duration like 500ms",
        "count with a unit | assertions: ['evidence.lost == 0ms'] | 5:14 | evidence.lost is a count: compare it with a plain number, not '0ms'",
        "no operator | assertions: [evidence.lost] | 5:14 | an assertion reads '<metric> <op> <value>'",
        "event after the end | 'timeline: [{at: 2h, dock: {}}]' | 1:1 | timeline event 'dock' at PT2H is after the end of the run (PT1H)",
        "two actions | 'timeline: [{at: 0s, dock: {}, undock: {}}]' | 5:12 | a timeline entry has one action, found [dock, undock]",
        "speed out of range | 'clock: {speed: 0}' | 5:16 | 'speed' must be 0.001..100000, was 0",
    })
    void a_broken_scenario_is_refused_with_file_line_column_and_a_fix(String what, String extra, String where, String message) {
        var e = assertThrows(ScenarioException.class, () -> ScenarioLoader.parse("broken.yaml", MINIMAL + extra + "\n"));
        String first = e.problems().get(0).format();
        assertTrue(first.startsWith("broken.yaml:" + where + ": " + message), "got:\n" + e.getMessage());
    }

    @Test
    void all_problems_of_a_file_are_reported_together() {
        var e = assertThrows(ScenarioException.class, () -> ScenarioLoader.parse("broken.yaml", """
                name: two problems
                duration: soon
                fleet:
                  - count: 0
                """));
        assertEquals(3, e.problems().size(), e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "a small fleet checks all     | 1000 | ''                                | ALL",
        "a large fleet samples        | 1001 | ''                                | SAMPLE",
        "a large fleet told to check  | 1001 | 'observer: {schemaCheck: all}'    | ALL",
        "a small fleet told to sample | 2    | 'observer: {schemaCheck: sample}' | SAMPLE",
    })
    void the_observer_checks_every_message_of_a_small_fleet_and_a_sample_of_a_large_one(String what, int count, String extra,
                                                                                          io.bodycam.bench.observer.SchemaCheck expected) {
        String yaml = MINIMAL.replace("count: 2", "count: " + count) + extra + "\n";
        assertEquals(expected, ScenarioLoader.parse("s.yaml", yaml).schemaCheck());
    }

    @Test
    void an_unknown_schema_check_is_refused_with_the_allowed_values() {
        var e = assertThrows(ScenarioException.class, () -> ScenarioLoader.parse("broken.yaml", MINIMAL + "observer: {schemaCheck: some}\n"));
        assertTrue(e.getMessage().contains("allowed values: all, sample"), e.getMessage());
    }
}
