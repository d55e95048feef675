package io.bodycam.bench.run;

import io.bodycam.bench.scenario.FaultKind;
import io.bodycam.bench.scenario.Selector;
import io.bodycam.bench.scenario.TimelineEvent;
import io.bodycam.sim.camera.Trigger;
import io.bodycam.sim.gps.GpsFix;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Puts a scenario's timeline onto the cameras' own schedulers: each event selects its cameras (groups,
 * named cameras, then a share picked by a seeded shuffle, so the same seed picks the same cameras) and
 * spreads them evenly over its {@code over} window; a {@code near} condition is checked on each camera,
 * at its moment, against where it is. After that the timeline needs no thread of its own. Faults on the
 * backend (a broker restart) happen once, handed to {@link Backstage}.
 */
final class Timeline {

    /** What the timeline needs besides the cameras: backend commands and backend-wide faults. */
    interface Backstage {
        /** No commands, no backend faults (the density run). */
        Backstage NONE = new Backstage() {
            @Override
            public void command(FleetMember member, String type, Map<String, Object> params) {
                throw new IllegalStateException("this run sends no commands");
            }

            @Override
            public void backendFault(FaultKind kind, Duration length, Map<String, String> params) {
                throw new IllegalStateException("this run has no backend faults");
            }
        };

        /** Sends a backend command to one camera (through the observer). */
        void command(FleetMember member, String type, Map<String, Object> params);

        /** A fault of the backend, at its virtual time: {@code length} is how long it lasts. */
        void backendFault(FaultKind kind, Duration length, Map<String, String> params);
    }

    private Timeline() {
    }

    /**
     * Schedules every event relative to {@code start} (virtual epoch ms) and returns the virtual time at
     * which the last one has happened.
     */
    static long schedule(List<TimelineEvent> events, List<FleetMember> fleet, long seed, long start, DockStation station,
                         Backstage backstage) {
        long end = start;
        for (int i = 0; i < events.size(); i++) {
            TimelineEvent e = events.get(i);
            long at = start + e.at().toMillis();
            if (e.action() instanceof TimelineEvent.Fault f && backendFault(f.fault())) {
                var first = fleet.get(0).camera().scheduler();
                first.schedule(at - first.now(), () -> backstage.backendFault(f.fault(), f.length(), f.params()));
            } else {
                List<FleetMember> chosen = pick(fleet, e.select(), seed * 31 + i);
                for (int k = 0; k < chosen.size(); k++) {
                    FleetMember m = chosen.get(k);
                    var scheduler = m.camera().scheduler();
                    long when = at + spread(e.over(), k, chosen.size());
                    scheduler.schedule(when - scheduler.now(), () -> {
                        if (e.select().near() == null || inside(m, e.select().near())) {
                            apply(e.action(), m, station, backstage);
                        }
                    });
                }
            }
            end = Math.max(end, at + e.over().toMillis());
        }
        return end;
    }

    /** Faults that hit the backend once rather than each selected camera. */
    static boolean backendFault(FaultKind kind) {
        return kind == FaultKind.BROKER_RESTART || kind.name().startsWith("HTTP_") || kind.name().startsWith("NETWORK_");
    }

    /** The selected cameras in fleet order: groups and names first, then the seeded share. */
    static List<FleetMember> pick(List<FleetMember> fleet, Selector select, long seed) {
        List<FleetMember> candidates = fleet.stream()
                .filter(m -> select.groups().isEmpty() || select.groups().contains(m.group()))
                .filter(m -> select.cameras().isEmpty() || select.cameras().contains(m.camera().deviceId()))
                .toList();
        int n = select.count() > 0 ? Math.min(select.count(), candidates.size())
                : (int) Math.min(candidates.size(), Math.ceil(select.fraction() * candidates.size() - 1e-9));
        if (n == candidates.size()) {
            return candidates;
        }
        List<FleetMember> shuffled = new ArrayList<>(candidates);
        Collections.shuffle(shuffled, new Random(seed));
        List<FleetMember> chosen = new ArrayList<>(shuffled.subList(0, n));
        chosen.sort(java.util.Comparator.comparingInt(FleetMember::index));
        return chosen;
    }

    private static boolean inside(FleetMember m, Selector.Near near) {
        GpsFix f = m.camera().position();
        return distance(near.lat(), near.lon(), f.lat(), f.lon()) <= near.radiusMetres();
    }

    /** Great-circle distance in metres (haversine). */
    static double distance(double lat1, double lon1, double lat2, double lon2) {
        double p1 = Math.toRadians(lat1);
        double p2 = Math.toRadians(lat2);
        double dp = p2 - p1;
        double dl = Math.toRadians(lon2 - lon1);
        double a = Math.sin(dp / 2) * Math.sin(dp / 2) + Math.cos(p1) * Math.cos(p2) * Math.sin(dl / 2) * Math.sin(dl / 2);
        return 2 * 6_371_000.0 * Math.atan2(Math.sqrt(a), Math.sqrt(1 - a));
    }

    private static long spread(Duration over, int k, int n) {
        return n <= 1 ? 0 : over.toMillis() * k / n;
    }

    private static void apply(TimelineEvent.Action action, FleetMember m, DockStation station, Backstage backstage) {
        var camera = m.camera();
        if (action instanceof TimelineEvent.PowerOn) {
            camera.powerOn();
            m.officer().onDuty();
        } else if (action instanceof TimelineEvent.PowerOff) {
            m.officer().offDuty();
            station.leave(m);
            camera.powerOff();
        } else if (action instanceof TimelineEvent.ShiftStart) {
            station.leave(m);
            camera.powerOn();
            m.officer().onDuty();
        } else if (action instanceof TimelineEvent.ShiftEnd || action instanceof TimelineEvent.Dock) {
            m.officer().offDuty();
            station.arrive(m);
        } else if (action instanceof TimelineEvent.Undock) {
            station.leave(m);
            m.officer().onDuty();
        } else if (action instanceof TimelineEvent.Surge s) {
            camera.trigger(Trigger.SURGE, "surge", true);
            camera.scheduler().schedule(s.length().toMillis(), camera::stopRecording);
        } else if (action instanceof TimelineEvent.Sleep) {
            camera.sleep();
        } else if (action instanceof TimelineEvent.Wake) {
            camera.wake();
        } else if (action instanceof TimelineEvent.Command c) {
            backstage.command(m, c.type(), c.params());
        } else if (action instanceof TimelineEvent.Fault f) {
            cameraFault(f, m);
        }
    }

    private static void cameraFault(TimelineEvent.Fault f, FleetMember m) {
        if (f.fault() != FaultKind.CAMERA_REBOOT) {
            throw new IllegalStateException("fault " + f.fault().wireName() + " cannot run yet; the runner refuses such scenarios before they start");
        }
        m.camera().reboot("fault");
    }
}
