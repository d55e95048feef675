package io.bodycam.bench.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bodycam.bench.scenario.yaml.ScenarioException;
import io.bodycam.bench.scenario.yaml.Substitutions;
import io.bodycam.sim.camera.CameraConfig;
import io.bodycam.sim.state.Trigger;
import io.bodycam.sim.gps.PatrolStyle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scenario language beyond the basics: reuse, overrides, clock times, selectors, profiles, phases. */
class ScenarioLanguageTest {

    private static Scenario parse(String text) {
        return ScenarioLoader.parse("s.yaml", text);
    }

    private static String firstProblem(String text, Substitutions subs) {
        var e = assertThrows(ScenarioException.class, () -> ScenarioLoader.parse("s.yaml", text, subs));
        return e.problems().get(0).format().lines().findFirst().orElseThrow();
    }

    private static String firstProblem(String text) {
        return firstProblem(text, Substitutions.NONE);
    }

    @Test
    void environment_variables_fill_values_and_defaults_apply_when_unset() {
        Substitutions env = new Substitutions(Map.of("RUN", "2h", "CAMS", "12")::get, Map.of());
        Scenario s = ScenarioLoader.parse("s.yaml", """
                name: env
                duration: ${RUN}
                clock:
                  speed: ${SPEED:-30}
                fleet:
                  - count: ${CAMS}
                """, env);
        assertEquals(Duration.ofHours(2), s.duration());
        assertEquals(30, s.clockSpeed());
        assertEquals(12, s.cameraCount());
    }

    @Test
    void an_unset_variable_without_default_is_an_error_at_its_value() {
        assertEquals("s.yaml:2:11: environment variable NOPE is not set",
                firstProblem("name: env\nduration: ${NOPE}\nfleet: [{count: 1}]\n"));
    }

    @Test
    void set_replaces_or_adds_single_values_by_path() {
        Map<String, String> set = new LinkedHashMap<>();
        set.put("duration", "10m");
        set.put("fleet[0].count", "3");
        set.put("clock.speed", "600");
        Scenario s = ScenarioLoader.parse("s.yaml", "name: x\nduration: 12h\nclock: {speed: 60}\nfleet: [{count: 200}]\n",
                new Substitutions(k -> null, set));
        assertEquals(Duration.ofMinutes(10), s.duration());
        assertEquals(3, s.cameraCount());
        assertEquals(600, s.clockSpeed());
    }

    @Test
    void set_on_a_path_that_does_not_exist_says_the_nearest_one() {
        String p = firstProblem("name: x\nduration: 1h\nfleet: [{count: 2}]\n",
                new Substitutions(k -> null, Map.of("fleet[0].cuont", "3")));
        assertTrue(p.startsWith("--set fleet[0].cuont=3: unknown key 'cuont', did you mean 'count'?")
                || p.startsWith("--set fleet[0].cuont=3: no such place"), p);
        String q = firstProblem("name: x\nduration: 1h\nfleet: [{count: 2}]\n", new Substitutions(k -> null, Map.of("clock.speed", "5")));
        assertTrue(q.contains("no such place in the scenario: 'clock.speed'"), q);
    }

    @Test
    void includes_bring_profiles_that_groups_use(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("common.yaml"), """
                profiles:
                  slow-car:
                    base: patrol-vehicle
                    camera: {preEvent: 90s}
                    behaviour: {incidentsPerHour: 2}
                """);
        Path main = dir.resolve("main.yaml");
        Files.writeString(main, """
                name: inc
                duration: 1h
                include: [common.yaml]
                profiles:
                  slower-car:
                    base: slow-car
                    camera: {heartbeat: 5s}
                fleet:
                  - count: 2
                    profile: slower-car
                """);
        Scenario s = ScenarioLoader.load(main);
        FleetGroup g = s.fleet().get(0);
        CameraConfig c = g.camera().apply(CameraConfig.builder("X")).build();
        assertEquals(Duration.ofSeconds(90), c.preEvent());
        assertEquals(Duration.ofSeconds(5), c.heartbeat());
        assertEquals(PatrolStyle.VEHICLE, c.patrol());
        assertEquals(2, g.behaviour().incidentsPerHour());
        assertEquals("slower-car", g.profile());
    }

    @Test
    void an_include_that_includes_itself_is_refused(@TempDir Path dir) throws Exception {
        Path main = dir.resolve("loop.yaml");
        Files.writeString(main, "name: loop\nduration: 1h\ninclude: [loop.yaml]\nfleet: [{count: 1}]\n");
        var e = assertThrows(ScenarioException.class, () -> ScenarioLoader.load(main));
        assertTrue(e.getMessage().contains("'loop.yaml' is included twice (or includes itself)"), e.getMessage());
    }

    @Test
    void clock_times_follow_the_start_in_order_and_run_past_midnight() {
        Scenario s = parse("""
                name: clock
                start: 2027-01-04T21:00:00-06:00
                duration: 30h
                fleet: [{count: 1}]
                timeline:
                  - {at: "22:30", powerOn: {}}
                  - {at: "06:30", dock: {}}
                  - {at: "21:00", undock: {}}
                """);
        assertEquals(List.of(Duration.ofMinutes(90), Duration.ofHours(9).plusMinutes(30), Duration.ofHours(24)),
                s.timeline().stream().map(TimelineEvent::at).toList());
    }

    @Test
    void a_clock_time_without_start_is_an_error() {
        assertEquals("s.yaml:4:17: a clock time like 06:45 needs the scenario's 'start'",
                firstProblem("name: c\nduration: 1h\nfleet: [{count: 1}]\ntimeline: [{at: '06:45', dock: {}}]\n"));
    }

    @Test
    void selectors_and_actions_reach_the_model() {
        Scenario s = parse("""
                name: sel
                duration: 3h
                fleet:
                  - {name: a, count: 5}
                  - {name: b, count: 5, idPattern: "B-{index}"}
                timeline:
                  - {at: 0s, shiftStart: {group: [a, b], over: 1m}}
                  - {at: 1h, surge: {near: {lat: 39.1, lon: -94.4, radius: 2km}, length: 5m}}
                  - {at: 2h, fault: {kind: camera-reboot, cameras: [B-6, B-7], count: 1}}
                  - {at: 150m, phase: end, shiftEnd: {group: b, fraction: 40%}}
                """);
        var start = s.timeline().get(0);
        assertEquals(List.of("a", "b"), start.select().groups());
        assertEquals(Duration.ofMinutes(1), start.over());
        assertEquals(2000, s.timeline().get(1).select().near().radiusMetres());
        var fault = (TimelineEvent.Fault) s.timeline().get(2).action();
        assertEquals(FaultKind.CAMERA_REBOOT, fault.fault());
        assertEquals(List.of("B-6", "B-7"), s.timeline().get(2).select().cameras());
        assertEquals(1, s.timeline().get(2).select().count());
        assertEquals("end", s.timeline().get(3).phase());
        assertEquals(List.of("end"), s.phases());
    }

    @Test
    void behaviour_distributions_triggers_and_categories_reach_the_model() {
        Scenario s = parse("""
                name: beh
                duration: 1h
                behaviour:
                  recordingDuration: {fixed: 3m}
                  triggers: {holster: 100%}
                  categories: [{name: dui, weight: 1, flagged: true}]
                  forgetToStop: 10%
                fleet:
                  - {name: a, count: 1}
                  - {name: b, count: 1, idPattern: "B{index}", behaviour: {recordingDuration: {min: 1m, max: 2m}}}
                """);
        Behaviour a = s.fleet().get(0).behaviour();
        assertEquals(new Distribution.Fixed(Duration.ofMinutes(3)), a.duration());
        assertEquals(Map.of(Trigger.HOLSTER, 1.0), a.triggers());
        assertEquals("dui", a.categories().get(0).name());
        assertEquals(0.1, a.forgetToStop(), 1e-9);
        Behaviour b = s.fleet().get(1).behaviour();
        assertEquals(new Distribution.Uniform(Duration.ofMinutes(1), Duration.ofMinutes(2)), b.duration());
        assertEquals(Map.of(Trigger.HOLSTER, 1.0), b.triggers(), "the group reads its own on top of the scenario's");
    }

    @Test
    void site_network_and_credentials_reach_the_model() {
        Scenario s = parse("""
                name: site
                duration: 1h
                site: {docks: 3, uplink: 500Mbit/s}
                backend: {username: cam, password: secret}
                fleet:
                  - count: 1
                    camera: {network: {dock: 10Mbit/s, lte: {outagesPerHour: 4, outageLength: 30s}}}
                """);
        assertEquals(24, s.site().bays());
        assertEquals(500e6, s.site().uplinkBitsPerSecond(), 1);
        assertEquals("cam", s.backend().username());
        assertTrue(s.backend().embedded());
        CameraConfig c = s.fleet().get(0).camera().apply(CameraConfig.builder("X")).build();
        assertEquals(10e6, c.dockUploadBitsPerSecond(), 1);
        assertEquals(4, c.lteOutagesPerHour());
        assertEquals(Duration.ofSeconds(30), c.lteOutageLength());
        assertNull(s.start());
    }

    @Test
    void assertions_take_a_phase_and_abort_on_fail() {
        Scenario s = parse("""
                name: as
                duration: 1h
                fleet: [{count: 1}]
                timeline: [{at: 10m, phase: busy, surge: {length: 1m}}]
                assertions:
                  - {expr: mqtt.state.latency.p99 < 1s, during: busy, abortOnFail: true}
                """);
        assertEquals("busy", s.assertions().get(0).during());
        assertTrue(s.assertions().get(0).abortOnFail());
    }

    @Test
    void an_entry_with_only_a_phase_opens_it_and_does_nothing_else() {
        Scenario s = parse("""
                name: mark
                duration: 1h
                fleet: [{count: 1}]
                timeline:
                  - {at: 0s, powerOn: {}}
                  - {at: 10m, phase: patrol}
                assertions:
                  - {expr: mqtt.state.latency.p99 < 1s, during: patrol}
                """);
        assertEquals(List.of("patrol"), s.phases());
        assertInstanceOf(TimelineEvent.PhaseMark.class, s.timeline().get(1).action());
        assertEquals(Duration.ofMinutes(10), s.timeline().get(1).at());
        assertEquals("s.yaml:5:5: a timeline entry needs one action besides 'at' (or only a 'phase' to open), one of "
                + TimelineBinder.ACTIONS, firstProblem("name: e\nduration: 1h\nfleet: [{count: 1}]\ntimeline:\n  - {at: 10m}\n"));
    }

    @Test
    void language_errors_name_the_place_and_the_fix() {
        String base = "name: e\nduration: 1h\nfleet: [{name: a, count: 2}]\n";
        assertEquals("s.yaml:4:35: unknown fault kind 'broker-restrat', did you mean 'broker-restart'?",
                firstProblem(base + "timeline: [{at: 0s, fault: {kind: broker-restrat}}]\n"));
        assertTrue(firstProblem(base + "timeline: [{at: 0s, fault: {kind: broker-restart, params: {sessions: gone}}}]\n")
                .endsWith("fault broker-restart: sessions must be one of [lost, kept], was 'gone'"));
        assertEquals(true, ScenarioLoader.parse("s.yaml", base
                + "timeline: [{at: 0s, fault: {kind: broker-restart, params: {sessions: kept}}}]\n").timeline().size() == 1
                && FaultParams.keepsBrokerSessions(ScenarioLoader.parse("s.yaml", base
                + "timeline: [{at: 0s, fault: {kind: broker-restart, params: {sessions: kept}}}]\n")));
        assertEquals("s.yaml:4:21: evidence.lost is only known at the end of the run, so it cannot be checked while the run goes (abortOnFail)",
                firstProblem(base + "assertions: [{expr: evidence.lost == 0, abortOnFail: true}]\n"));
        assertEquals("s.yaml:1:1: assertion 'mqtt.received > 0' is during phase 'nope', which no timeline entry opens",
                firstProblem(base + "assertions: [{expr: mqtt.received > 0, during: nope}]\n"));
        assertTrue(firstProblem(base + "assertions: [{expr: evidence.lost == 0, eventually: 5m}]\n").startsWith(
                "s.yaml:4:21: evidence.lost is not measured while the run goes, so it cannot be checked with eventually; these can: "
                        + "devices.connectedPeak, devices.online"), firstProblem(base + "assertions: [{expr: evidence.lost == 0, eventually: 5m}]\n"));
        assertEquals("s.yaml:4:21: after names the phase an eventually bound starts at; add eventually: DURATION",
                firstProblem(base + "assertions: [{expr: devices.online == 2, after: x}]\n"));
        assertEquals("s.yaml:1:1: assertion 'devices.online == 2 within 5m after nope' is bounded after phase 'nope', which no timeline entry opens",
                firstProblem(base + "assertions: [{expr: devices.online == 2, eventually: 5m, after: nope}]\n"));
        assertEquals("s.yaml:4:21: eventually cannot be combined with during or abortOnFail",
                firstProblem(base + "assertions: [{expr: mqtt.received > 0, eventually: 5m, abortOnFail: true}]\n"));
        assertEquals("s.yaml:1:1: timeline event 'surge' names group 'b', which the fleet does not have",
                firstProblem(base + "timeline: [{at: 0s, surge: {group: b, length: 1m}}]\n"));
        assertEquals("s.yaml:3:29: unknown profile 'patrol-fot', did you mean 'patrol-foot'?",
                firstProblem("name: e\nduration: 1h\nfleet: [{count: 2, profile: patrol-fot}]\n"));
        assertEquals("s.yaml:3:45: network.wifi is not modelled by the cameras yet",
                firstProblem("name: e\nduration: 1h\nfleet: [{count: 2, camera: {network: {wifi: 1}}}]\n"));
        // group 1's only camera is C1 followed by its index 1; group 2 numbers on from 2, so its 11 is C11 too
        assertEquals("s.yaml:1:1: device id C11 is given twice; make the groups' idPatterns differ",
                firstProblem("name: e\nduration: 1h\nfleet: [{count: 1, idPattern: 'C1{index}'}, {count: 11, idPattern: 'C{index}'}]\n"));
    }
}
