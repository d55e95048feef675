package io.bodycam.bench.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bodycam.bench.fleet.DockStation;
import io.bodycam.bench.fleet.FleetMember;
import io.bodycam.bench.fleet.Officer;
import io.bodycam.bench.fleet.Slot;
import io.bodycam.bench.scenario.Behaviour;
import io.bodycam.bench.scenario.Selector;
import io.bodycam.bench.scenario.Site;
import io.bodycam.bench.scenario.TimelineEvent;
import io.bodycam.sim.camera.Camera;
import io.bodycam.sim.camera.CameraConfig;
import io.bodycam.sim.state.Mode;
import io.bodycam.sim.event.CameraEvent;
import io.bodycam.sim.gps.PatrolStyle;
import io.bodycam.sim.testing.FakeEvidenceBackend;
import io.bodycam.sim.testing.RecordingTelemetry;
import io.bodycam.sim.time.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

class TimelineTest {

    private static final long T0 = 1_799_046_000_000L;
    private static final Behaviour QUIET = Behaviour.builder().incidentsPerHour(0).build();

    private final ManualClock clock = new ManualClock(T0);
    private final Map<String, List<CameraEvent>> events = new ConcurrentHashMap<>();

    private List<FleetMember> fleet(int n, Behaviour behaviour, IntFunction<String> group, IntFunction<double[]> centre) {
        List<FleetMember> fleet = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            double[] c = centre.apply(i);
            CameraConfig config = CameraConfig.builder(String.format("CAM-%03d", i)).seed(i).payloadScale(0.0001)
                    .patrol(c[0], c[1], PatrolStyle.DESK).build();
            Camera cam = new Camera(config, clock, h -> new RecordingTelemetry(clock, h),
                    new FakeEvidenceBackend(clock, config.uploadPayloadBytesPerSecond()),
                    e -> events.computeIfAbsent(e.deviceId(), k -> new ArrayList<>()).add(e));
            fleet.add(new FleetMember(i, group.apply(i), "ipd", cam, new Officer(cam, behaviour, i)));
        }
        return fleet;
    }

    private List<FleetMember> fleet(int n, Behaviour behaviour) {
        return fleet(n, behaviour, i -> "g", i -> new double[] {39.0911, -94.4155});
    }

    private static long schedule(List<TimelineEvent> events, List<FleetMember> fleet, DockStation station) {
        return Timeline.schedule(events, fleet, 7, T0, station, Timeline.Backstage.NONE);
    }

    private long firstTime(String deviceId, String type) {
        return events.getOrDefault(deviceId, List.of()).stream().filter(e -> e.type().equals(type))
                .mapToLong(CameraEvent::time).findFirst().orElse(-1) - T0;
    }

    private long count(String type) {
        return events.values().stream().flatMap(List::stream).filter(e -> e.type().equals(type)).count();
    }

    @Test
    void a_ramp_of_200_over_60_seconds_switches_one_camera_on_every_300_ms() {
        List<FleetMember> fleet = fleet(200, QUIET);
        long end = schedule(List.of(TimelineEvent.of(Duration.ofSeconds(10), new TimelineEvent.PowerOn()).over(Duration.ofSeconds(60))),
                fleet, new DockStation(Site.UNLIMITED, 1));
        assertEquals(T0 + 70_000, end);
        clock.advance(Duration.ofMinutes(2));
        for (int i = 0; i < 200; i++) {
            String id = String.format("CAM-%03d", i + 1);
            long expected = 10_000 + 300L * i;
            assertEquals(expected, firstTime(id, "mode"), "power-on of " + id);
            assertEquals(expected + 5_000, firstTime(id, "boot"), "boot of " + id);
        }
    }

    @Test
    void a_fraction_picks_the_same_cameras_for_the_same_seed_and_a_count_picks_exactly_that_many() {
        List<FleetMember> fleet = fleet(40, QUIET);
        var a = Timeline.pick(Slot.of(fleet), Selector.fraction(0.25), 99).stream().map(Slot::index).toList();
        var b = Timeline.pick(Slot.of(fleet), Selector.fraction(0.25), 99).stream().map(Slot::index).toList();
        var c = Timeline.pick(Slot.of(fleet), Selector.fraction(0.25), 100).stream().map(Slot::index).toList();
        assertEquals(10, a.size());
        assertEquals(a, b);
        assertNotEquals(a, c);
        assertEquals(7, Timeline.pick(Slot.of(fleet), new Selector(List.of(), List.of(), 1, 7, null), 1).size());
    }

    @Test
    void a_group_and_named_cameras_narrow_the_selection() {
        List<FleetMember> fleet = fleet(10, QUIET, i -> i <= 4 ? "day" : "night", i -> new double[] {39.0911, -94.4155});
        assertEquals(List.of(1, 2, 3, 4), Timeline.pick(Slot.of(fleet), Selector.ALL.inGroups(List.of("day")), 1)
                .stream().map(Slot::index).toList());
        assertEquals(List.of(9), Timeline.pick(Slot.of(fleet), new Selector(List.of(), List.of("CAM-009"), 1, 0, null), 1)
                .stream().map(Slot::index).toList());
    }

    @Test
    void a_radius_surge_starts_exactly_the_cameras_inside_the_circle() {
        // odd cameras sit at the centre of town, even ones 5 km north; desk officers stay within 30 m
        List<FleetMember> fleet = fleet(20, QUIET, i -> "g", i -> i % 2 == 1 ? new double[] {39.0911, -94.4155} : new double[] {39.1361, -94.4155});
        schedule(List.of(TimelineEvent.of(Duration.ZERO, new TimelineEvent.PowerOn()),
                TimelineEvent.of(Duration.ofMinutes(5), new TimelineEvent.Surge(Duration.ofMinutes(2)))
                        .select(Selector.ALL.near(new Selector.Near(39.0911, -94.4155, 500))).over(Duration.ofSeconds(10))),
                fleet, new DockStation(Site.UNLIMITED, 1));
        clock.advance(Duration.ofMinutes(10));
        for (FleetMember m : fleet) {
            boolean recorded = firstTime(m.camera().deviceId(), "recording.started") >= 0;
            assertEquals(m.index() % 2 == 1, recorded, m.camera().deviceId() + " recorded: " + recorded);
        }
    }

    @Test
    void cameras_that_find_every_bay_taken_wait_and_dock_when_one_frees() {
        List<FleetMember> fleet = fleet(6, QUIET);
        DockStation station = new DockStation(new Site(4, 0, 0), 1);
        schedule(List.of(TimelineEvent.of(Duration.ZERO, new TimelineEvent.PowerOn()),
                TimelineEvent.of(Duration.ofMinutes(10), new TimelineEvent.ShiftEnd()),
                TimelineEvent.of(Duration.ofMinutes(20), new TimelineEvent.ShiftStart()).select(new Selector(List.of(), List.of("CAM-001"), 1, 0, null))),
                fleet, station);
        clock.advance(Duration.ofMinutes(15));
        assertEquals(4, fleet.stream().filter(m -> m.camera().snapshot().join().mode() == Mode.DOCKED).count(), "4 bays");
        assertEquals(2, station.peakWaiting());
        clock.advance(Duration.ofMinutes(10));
        assertEquals(Mode.READY_BUFFERING, fleet.get(0).camera().snapshot().join().mode(), "CAM-001 left for its shift");
        assertEquals(4, fleet.stream().filter(m -> m.camera().snapshot().join().mode() == Mode.DOCKED).count(), "its bay was taken");
        assertEquals(Mode.DOCKED, fleet.get(4).camera().snapshot().join().mode(), "CAM-005, first in the queue, docked");
    }

    @Test
    void a_surge_starts_its_share_within_the_window_and_the_shift_end_uploads_everything() {
        List<FleetMember> fleet = fleet(20, QUIET);
        schedule(List.of(
                TimelineEvent.of(Duration.ZERO, new TimelineEvent.ShiftStart()).over(Duration.ofSeconds(10)),
                TimelineEvent.of(Duration.ofMinutes(5), new TimelineEvent.Surge(Duration.ofMinutes(3)))
                        .select(Selector.fraction(0.6)).over(Duration.ofSeconds(10)),
                TimelineEvent.of(Duration.ofMinutes(30), new TimelineEvent.ShiftEnd()).over(Duration.ofMinutes(2))),
                fleet, new DockStation(Site.UNLIMITED, 1));
        clock.advance(Duration.ofHours(2));

        assertEquals(12, count("recording.started"), "60 % of 20 cameras");
        events.values().stream().flatMap(List::stream).filter(e -> e.type().equals("recording.started"))
                .forEach(e -> assertTrue(e.time() - T0 >= 300_000 && e.time() - T0 < 310_000, "started within 10 s"));
        for (FleetMember m : fleet) {
            var s = m.camera().snapshot().join();
            assertEquals(Mode.DOCKED, s.mode());
            assertTrue(s.stored().isEmpty(), m.camera().deviceId() + " still holds " + s.stored());
        }
    }

    @Test
    void sleep_and_wake_follow_the_timeline() {
        List<FleetMember> fleet = fleet(4, QUIET);
        schedule(List.of(TimelineEvent.of(Duration.ZERO, new TimelineEvent.PowerOn()),
                TimelineEvent.of(Duration.ofMinutes(1), new TimelineEvent.Sleep()),
                TimelineEvent.of(Duration.ofMinutes(3), new TimelineEvent.Wake()).select(new Selector(List.of(), List.of(), 1, 2, null))),
                fleet, new DockStation(Site.UNLIMITED, 1));
        clock.advance(Duration.ofMinutes(5));
        assertEquals(2, fleet.stream().filter(m -> m.camera().snapshot().join().mode() == Mode.SLEEP).count());
    }

    @Test
    void officers_record_about_as_often_as_the_behaviour_says_and_follow_its_schedule() {
        List<FleetMember> fleet = fleet(100, Behaviour.DEFAULT.toBuilder().incidentsPerHour(0.5)
                .schedule(List.of(new Behaviour.ScheduledIncident(Duration.ofMinutes(7), Duration.ofMinutes(1)))).build());
        schedule(List.of(TimelineEvent.of(Duration.ZERO, new TimelineEvent.PowerOn())), fleet, new DockStation(Site.UNLIMITED, 1));
        clock.advance(Duration.ofHours(10));
        long started = count("recording.started");
        // 100 cameras x 10 h x 0.5/h = 500 expected, minus time spent recording (incidents do not overlap)
        assertTrue(started > 300 && started < 650, "recordings in 10 h: " + started);
        long atSeven = events.values().stream().flatMap(List::stream)
                .filter(e -> e.type().equals("recording.started") && e.time() - T0 == 420_000).count();
        assertTrue(atSeven >= 90, "the scheduled incident at 7 min (unless one was already recording): " + atSeven);
    }

    @Test
    void a_rollout_offers_each_selected_camera_with_the_window_opening_at_the_event_and_the_timeline_lasts_the_window() {
        List<FleetMember> fleet = fleet(10, QUIET);
        List<long[]> offers = new ArrayList<>();
        Timeline.Backstage backstage = new Timeline.Backstage() {
            @Override
            public void command(FleetMember member, String type, Map<String, Object> params) {
                throw new AssertionError("no command expected");
            }

            @Override
            public void fault(TimelineEvent.Fault fault, List<String> groups, long at) {
                throw new AssertionError("no fault expected");
            }

            @Override
            public void cameraFaultOver(long virtualAt) {
                throw new AssertionError("no fault expected");
            }

            @Override
            public void firmware(FleetMember member, TimelineEvent.FirmwareRollout rollout, long windowStart) {
                offers.add(new long[] {member.index(), windowStart - T0, clock.now() - T0});
            }
        };
        var rollout = new TimelineEvent.FirmwareRollout("4.13.0", Duration.ofHours(2), 100_000_000,
                TimelineEvent.FirmwareRollout.Image.GENUINE);
        long end = Timeline.schedule(List.of(
                TimelineEvent.of(Duration.ZERO, new TimelineEvent.PowerOn()),
                TimelineEvent.of(Duration.ofMinutes(10), rollout).select(Selector.fraction(0.5)).over(Duration.ofMinutes(1))),
                fleet, 7, T0, new DockStation(Site.UNLIMITED, 1), backstage);
        assertEquals(T0 + Duration.ofMinutes(10 + 1 + 120).toMillis(), end, "the timeline lasts until the window closes");
        clock.advance(Duration.ofMinutes(15));
        assertEquals(5, offers.size());
        for (int k = 0; k < offers.size(); k++) {
            assertEquals(600_000, offers.get(k)[1], "every window opens at the event");
            assertEquals(600_000 + 12_000L * k, offers.get(k)[2], "offers spread over 'over'");
        }
    }

    @Test
    void a_priority_upload_reaches_the_cameras_that_have_a_recording() {
        List<FleetMember> fleet = fleet(4, QUIET);
        schedule(List.of(TimelineEvent.of(Duration.ZERO, new TimelineEvent.PowerOn()),
                TimelineEvent.of(Duration.ofMinutes(1), new TimelineEvent.Surge(Duration.ofMinutes(2)))
                        .select(new Selector(List.of(), List.of("CAM-001", "CAM-002"), 1, 0, null)),
                TimelineEvent.of(Duration.ofMinutes(10), new TimelineEvent.PriorityUpload())),
                fleet, new DockStation(Site.UNLIMITED, 1));
        clock.advance(Duration.ofHours(1));
        assertEquals(2, count("priorityUpload.started"));
        assertEquals(2, count("priorityUpload.completed"));
        assertEquals(2, count("priorityUpload.refused"), "nothing to upload on the other two");
    }
}
