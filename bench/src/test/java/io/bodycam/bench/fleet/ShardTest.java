package io.bodycam.bench.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bodycam.bench.scenario.Backend;
import io.bodycam.bench.scenario.Behaviour;
import io.bodycam.bench.scenario.FleetGroup;
import io.bodycam.bench.scenario.Distribution;
import io.bodycam.bench.scenario.PayloadMode;
import io.bodycam.bench.scenario.Scenario;
import io.bodycam.bench.scenario.Selector;
import io.bodycam.bench.scenario.TimelineEvent;
import io.bodycam.bench.timeline.Timeline;
import io.bodycam.sim.camera.Camera;
import io.bodycam.sim.camera.CameraConfig;
import io.bodycam.sim.event.CameraEvent;
import io.bodycam.sim.net.Transport;
import io.bodycam.sim.testing.FakeEvidenceBackend;
import io.bodycam.sim.testing.RecordingTelemetry;
import io.bodycam.sim.time.ManualClock;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ShardTest {

    private static final long T0 = 1_799_046_000_000L;

    /** 23 cameras in three groups, a partial power-on ramp, a surge, incidents and a dock wave. */
    private static final Scenario SCENARIO = Scenario.builder("sharded").seed(5).duration(Duration.ofHours(3)).clockSpeed(60)
            .payload(PayloadMode.SYNTHETIC, 0.0001)
            .group(group("car", 10, "CAR-{index:00}", "ipd", b -> b))
            .group(group("foot", 8, "FOOT-{index:00}", "ipd", b -> b.preEvent(Duration.ofSeconds(60))))
            .group(group("desk", 5, "DESK-{index:00}", "kcpd", b -> b.battery(io.bodycam.sim.power.BatteryModel.DEFAULT, 80)))
            .event(TimelineEvent.of(Duration.ZERO, new TimelineEvent.PowerOn()).select(Selector.fraction(0.9)).over(Duration.ofMinutes(2)))
            .event(TimelineEvent.of(Duration.ofMinutes(30), new TimelineEvent.Surge(Duration.ofMinutes(6)))
                    .select(Selector.fraction(0.4)).over(Duration.ofSeconds(20)))
            .event(TimelineEvent.of(Duration.ofMinutes(90), new TimelineEvent.Dock()).over(Duration.ofMinutes(5)))
            .build();

    private static FleetGroup group(String name, int count, String ids, String agency,
                                    java.util.function.UnaryOperator<CameraConfig.Builder> camera) {
        return FleetGroup.builder(name).count(count).idPattern(ids).agency(agency).camera(camera)
                .behaviour(Behaviour.builder().incidentsPerHour(1).duration(new Distribution.Lognormal(Duration.ofMinutes(5),
                        Duration.ofMinutes(20))).build()).build();
    }

    @Test
    void reads_i_of_n_and_names_what_is_wrong() {
        assertEquals(new Shard(2, 4), Shard.parse("2/4"));
        assertEquals("2/4", Shard.parse("2/4").toString());
        assertTrue(Shard.WHOLE.whole());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Shard.parse("4/4")).getMessage()
                .contains("shard index must be 0..3"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Shard.parse("1/0")).getMessage()
                .contains("shard count must be 1..10000, was 0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Shard.parse("two/4")).getMessage()
                .contains("whole numbers"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Shard.parse("3")).getMessage()
                .contains("i/N"));
    }

    @ParameterizedTest(name = "{0} shards")
    @ValueSource(ints = {1, 2, 7, 25})
    void every_camera_of_the_fleet_lands_in_exactly_one_shard(int shards) {
        Map<Integer, List<String>> owners = new TreeMap<>();
        Map<Integer, String> ids = new HashMap<>();
        for (int i = 0; i < shards; i++) {
            Shard shard = new Shard(i, shards);
            try (Fleet fleet = new Fleet(SCENARIO, shard, Fleet.Routes.direct(URI.create("tcp://127.0.0.1:1"),
                    URI.create("http://127.0.0.1:1")), new ManualClock(T0), Transport.best(), 1, e -> { })) {
                for (FleetMember m : fleet.members()) {
                    owners.computeIfAbsent(m.index(), k -> new ArrayList<>()).add(shard.toString());
                    ids.put(m.index(), m.camera().deviceId());
                }
            }
        }
        assertEquals(SCENARIO.cameraCount(), owners.size(), "cameras run by some shard: " + owners.keySet());
        owners.forEach((index, in) -> assertEquals(1, in.size(), "camera " + index + " runs in shards " + in));
        assertEquals("FOOT-12", ids.get(12), "a camera keeps its fleet-wide index and id in its shard");
    }

    @Test
    void a_shard_watches_and_answers_for_its_own_cameras_and_shard_0_for_strangers() {
        java.util.function.Predicate<String> watched = Slot.watched(SCENARIO, new Shard(1, 3));
        assertTrue(watched.test("CAR-02"), "fleet index 2 is shard 1's");
        assertFalse(watched.test("CAR-01"));
        assertFalse(watched.test("STRANGER-1"));
        assertTrue(Slot.watched(SCENARIO, Shard.WHOLE).test("STRANGER-1"), "a whole run watches the whole broker");
        assertTrue(Slot.accountable(SCENARIO, new Shard(0, 3)).test("STRANGER-1"), "shard 0 counts segments of no camera");
        assertFalse(Slot.accountable(SCENARIO, new Shard(1, 3)).test("STRANGER-1"));
        assertFalse(Slot.accountable(SCENARIO, new Shard(0, 3)).test("CAR-02"));
        assertTrue(Slot.accountable(SCENARIO, new Shard(1, 3)).test("CAR-02"));
    }

    @Test
    void the_shards_together_produce_the_per_camera_events_of_the_unsharded_run() {
        Map<String, List<CameraEvent>> whole = run(Shard.WHOLE);
        Map<String, List<CameraEvent>> union = new TreeMap<>();
        for (int i = 0; i < 3; i++) {
            Map<String, List<CameraEvent>> part = run(new Shard(i, 3));
            part.keySet().forEach(id -> assertFalse(union.containsKey(id), id + " appears in two shards"));
            union.putAll(part);
        }
        assertEquals(new TreeSet<>(whole.keySet()), new TreeSet<>(union.keySet()), "cameras with events");
        long recordings = whole.values().stream().flatMap(List::stream).filter(e -> e.type().equals("recording.started")).count();
        assertTrue(recordings > 20, "the scenario exercises recording: " + recordings + " recordings");
        whole.forEach((id, events) -> assertEquals(events, union.get(id), "events of " + id));
    }

    /** Builds the shard's cameras as {@link Fleet} does (same ids, seeds, officers) on a manual clock and plays 3 h. */
    private static Map<String, List<CameraEvent>> run(Shard shard) {
        ManualClock clock = new ManualClock(T0);
        Map<String, List<CameraEvent>> events = new TreeMap<>();
        List<FleetMember> members = new ArrayList<>();
        int index = 0;
        for (FleetGroup g : SCENARIO.fleet()) {
            for (int k = 0; k < g.count(); k++) {
                index++;
                if (!shard.contains(index)) {
                    continue;
                }
                long seed = Fleet.deviceSeed(SCENARIO.seed(), index);
                CameraConfig c = g.camera().apply(CameraConfig.builder(g.deviceId(index)).agency(g.agency()).seed(seed)
                        .payloadScale(SCENARIO.payloadScale())).build();
                Camera cam = new Camera(c, clock, h -> new RecordingTelemetry(clock, h),
                        new FakeEvidenceBackend(clock, c.uploadPayloadBytesPerSecond()),
                        e -> events.computeIfAbsent(e.deviceId(), id -> new ArrayList<>()).add(e));
                members.add(new FleetMember(index, g.name(), g.agency(), cam, new Officer(cam, g.behaviour(), seed ^ 0x0FF1CEL)));
            }
        }
        Timeline.schedule(SCENARIO.timeline(), Slot.roster(SCENARIO), members, SCENARIO.seed(), T0,
                new DockStation(SCENARIO.site(), SCENARIO.payloadScale()), Timeline.Backstage.NONE);
        clock.advance(SCENARIO.duration());
        return events;
    }
}
