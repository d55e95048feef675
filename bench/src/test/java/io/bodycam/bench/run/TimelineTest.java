package io.bodycam.bench.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bodycam.bench.scenario.Behaviour;
import io.bodycam.bench.scenario.TimelineEvent;
import io.bodycam.sim.camera.Camera;
import io.bodycam.sim.camera.CameraConfig;
import io.bodycam.sim.camera.CameraEvent;
import io.bodycam.sim.camera.Mode;
import io.bodycam.sim.testing.FakeEvidenceBackend;
import io.bodycam.sim.testing.RecordingTelemetry;
import io.bodycam.sim.time.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class TimelineTest {

    private static final long T0 = 1_799_046_000_000L;

    private final ManualClock clock = new ManualClock(T0);
    private final Map<String, List<CameraEvent>> events = new ConcurrentHashMap<>();

    private List<FleetMember> fleet(int n, Behaviour behaviour) {
        List<FleetMember> fleet = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            CameraConfig c = CameraConfig.builder(String.format("CAM-%03d", i)).seed(i).payloadScale(0.0001).build();
            Camera cam = new Camera(c, clock, h -> new RecordingTelemetry(clock, h),
                    new FakeEvidenceBackend(clock, c.uploadPayloadBytesPerSecond()),
                    e -> events.computeIfAbsent(e.deviceId(), k -> new ArrayList<>()).add(e));
            fleet.add(new FleetMember(i, "g", "ipd", cam, new Officer(cam, behaviour, i)));
        }
        return fleet;
    }

    private long firstTime(String deviceId, String type) {
        return events.getOrDefault(deviceId, List.of()).stream().filter(e -> e.type().equals(type))
                .mapToLong(CameraEvent::time).findFirst().orElse(-1) - T0;
    }

    @Test
    void a_ramp_of_200_over_60_seconds_switches_one_camera_on_every_300_ms() {
        List<FleetMember> fleet = fleet(200, new Behaviour(0, Duration.ofMinutes(1), Duration.ofMinutes(1), 0));
        long end = Timeline.schedule(List.of(new TimelineEvent.PowerOn(Duration.ofSeconds(10), 1.0, Duration.ofSeconds(60))),
                fleet, 1, T0, (m, t, p) -> { });
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
    void a_fraction_picks_the_same_cameras_for_the_same_seed_and_others_for_another() {
        List<FleetMember> fleet = fleet(40, Behaviour.DEFAULT);
        var a = Timeline.pick(fleet, 0.25, 99).stream().map(FleetMember::index).toList();
        var b = Timeline.pick(fleet, 0.25, 99).stream().map(FleetMember::index).toList();
        var c = Timeline.pick(fleet, 0.25, 100).stream().map(FleetMember::index).toList();
        assertEquals(10, a.size());
        assertEquals(a, b);
        assertNotEquals(a, c);
    }

    @Test
    void a_surge_starts_its_share_within_the_window_and_a_dock_wave_uploads_everything() {
        List<FleetMember> fleet = fleet(20, new Behaviour(0, Duration.ofMinutes(1), Duration.ofMinutes(1), 0));
        Timeline.schedule(List.of(
                new TimelineEvent.PowerOn(Duration.ZERO, 1.0, Duration.ofSeconds(10)),
                new TimelineEvent.Surge(Duration.ofMinutes(5), 0.6, Duration.ofSeconds(10), Duration.ofMinutes(3)),
                new TimelineEvent.Dock(Duration.ofMinutes(30), 1.0, Duration.ofMinutes(2))), fleet, 7, T0, (m, t, p) -> { });
        clock.advance(Duration.ofHours(2));

        long recorded = events.values().stream().flatMap(List::stream).filter(e -> e.type().equals("recording.started")).count();
        assertEquals(12, recorded, "60 % of 20 cameras");
        events.values().stream().flatMap(List::stream).filter(e -> e.type().equals("recording.started"))
                .forEach(e -> assertTrue(e.time() - T0 >= 300_000 && e.time() - T0 < 310_000, "started within 10 s"));
        for (FleetMember m : fleet) {
            var s = m.camera().snapshot().join();
            assertEquals(Mode.DOCKED, s.mode());
            assertTrue(s.stored().isEmpty(), m.camera().deviceId() + " still holds " + s.stored());
        }
    }

    @Test
    void officers_record_about_as_often_as_the_behaviour_says() {
        List<FleetMember> fleet = fleet(100, new Behaviour(0.5, Duration.ofMinutes(10), Duration.ofMinutes(60), 0.1));
        Timeline.schedule(List.of(new TimelineEvent.PowerOn(Duration.ZERO, 1.0, Duration.ZERO)), fleet, 3, T0, (m, t, p) -> { });
        clock.advance(Duration.ofHours(10));
        long started = events.values().stream().flatMap(List::stream).filter(e -> e.type().equals("recording.started")).count();
        // 100 cameras x 10 h x 0.5/h = 500 expected, minus time spent recording (incidents do not overlap)
        assertTrue(started > 300 && started < 550, "recordings in 10 h: " + started);
    }
}
