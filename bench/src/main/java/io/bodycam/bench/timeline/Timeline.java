package io.bodycam.bench.timeline;

import io.bodycam.bench.fleet.DockStation;
import io.bodycam.bench.fleet.FleetMember;
import io.bodycam.bench.fleet.Slot;
import io.bodycam.bench.scenario.FaultParams;
import io.bodycam.bench.scenario.Selector;
import io.bodycam.bench.scenario.TimelineEvent;
import io.bodycam.sim.state.Trigger;
import io.bodycam.sim.gps.GpsFix;
import io.bodycam.sim.gps.GreatCircle;

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
public final class Timeline {

    /** What the timeline needs besides the cameras: backend commands and backend-wide faults. */
    public interface Backstage {
        /** No commands, no backend faults (the density run). */
        Backstage NONE = new Backstage() {
            @Override
            public void command(FleetMember member, String type, Map<String, Object> params) {
                throw new IllegalStateException("this run sends no commands");
            }

            @Override
            public void fault(TimelineEvent.Fault fault, List<String> groups, long at) {
                throw new IllegalStateException("this run has no faults");
            }

            @Override
            public void cameraFaultOver(long virtualAt) {
                throw new IllegalStateException("this run has no faults");
            }

            @Override
            public void firmware(FleetMember member, TimelineEvent.FirmwareRollout rollout, long windowStart) {
                throw new IllegalStateException("this run has no firmware rollouts");
            }
        };

        /** Sends a backend command to one camera (through the observer). */
        void command(FleetMember member, String type, Map<String, Object> params);

        /** A network or backend fault at virtual time {@code at}, hitting {@code groups} (empty: every group). */
        void fault(TimelineEvent.Fault fault, List<String> groups, long at);

        /** A camera fault event is over for every camera it hit (recovery is measured from here). */
        void cameraFaultOver(long virtualAt);

        /** The backend offers the rollout's firmware to one camera, its download window opening at {@code windowStart}. */
        void firmware(FleetMember member, TimelineEvent.FirmwareRollout rollout, long windowStart);
    }

    private Timeline() {
    }

    /**
     * Schedules every event relative to {@code start} (virtual epoch ms) for a whole fleet, and returns
     * the virtual time at which the last one has happened.
     */
    public static long schedule(List<TimelineEvent> events, List<FleetMember> fleet, long seed, long start, DockStation station,
                         Backstage backstage) {
        return schedule(events, Slot.of(fleet), fleet, seed, start, station, backstage);
    }

    /**
     * As above for the cameras of one shard ({@code members}): each event selects from, and spreads
     * over, the whole fleet ({@code roster}), and only the picks present in {@code members} are
     * scheduled, so every camera gets the moment it gets in the unsharded run.
     */
    public static long schedule(List<TimelineEvent> events, List<Slot> roster, List<FleetMember> members, long seed, long start,
                         DockStation station, Backstage backstage) {
        Map<Integer, FleetMember> byIndex = new java.util.HashMap<>();
        members.forEach(m -> byIndex.put(m.index(), m));
        long end = start;
        for (int i = 0; i < events.size(); i++) {
            TimelineEvent e = events.get(i);
            long at = start + e.at().toMillis();
            if (e.action() instanceof TimelineEvent.PhaseMark) {
                end = Math.max(end, at);
                continue;
            }
            if (e.action() instanceof TimelineEvent.Fault f && (f.fault().backend() || f.fault().network())) {
                var first = members.get(0).camera().scheduler();
                first.schedule(at - first.now(), () -> backstage.fault(f, e.select().groups(), at));
            } else {
                List<Slot> chosen = pick(roster, e.select(), seed * 31 + i);
                for (int k = 0; k < chosen.size(); k++) {
                    FleetMember m = byIndex.get(chosen.get(k).index());
                    if (m == null) {
                        continue;
                    }
                    var scheduler = m.camera().scheduler();
                    long when = at + spread(e.over(), k, chosen.size());
                    scheduler.schedule(when - scheduler.now(), () -> {
                        if (e.select().near() == null || inside(m, e.select().near())) {
                            apply(e.action(), m, station, backstage, at);
                        }
                    });
                }
                if (e.action() instanceof TimelineEvent.Fault f && !chosen.isEmpty()) {
                    long over = at + e.over().toMillis() + f.length().toMillis();
                    var first = members.get(0).camera().scheduler();
                    first.schedule(over - first.now(), () -> backstage.cameraFaultOver(over));
                }
            }
            long window = e.action() instanceof TimelineEvent.FirmwareRollout r ? r.window().toMillis() : 0;
            end = Math.max(end, at + e.over().toMillis() + window);
        }
        return end;
    }

    /** The selected cameras in fleet order: groups and names first, then the seeded share. */
    public static List<Slot> pick(List<Slot> roster, Selector select, long seed) {
        List<Slot> candidates = roster.stream()
                .filter(m -> select.groups().isEmpty() || select.groups().contains(m.group()))
                .filter(m -> select.cameras().isEmpty() || select.cameras().contains(m.deviceId()))
                .toList();
        int n = select.count() > 0 ? Math.min(select.count(), candidates.size())
                : (int) Math.min(candidates.size(), Math.ceil(select.fraction() * candidates.size() - 1e-9));
        if (n == candidates.size()) {
            return candidates;
        }
        List<Slot> shuffled = new ArrayList<>(candidates);
        Collections.shuffle(shuffled, new Random(seed));
        List<Slot> chosen = new ArrayList<>(shuffled.subList(0, n));
        chosen.sort(java.util.Comparator.comparingInt(Slot::index));
        return chosen;
    }

    private static boolean inside(FleetMember m, Selector.Near near) {
        GpsFix f = m.camera().position();
        return GreatCircle.distance(near.lat(), near.lon(), f.lat(), f.lon()) <= near.radiusMetres();
    }

    private static long spread(Duration over, int k, int n) {
        return n <= 1 ? 0 : over.toMillis() * k / n;
    }

    private static void apply(TimelineEvent.Action action, FleetMember m, DockStation station, Backstage backstage,
                              long eventAt) {
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
        } else if (action instanceof TimelineEvent.FirmwareRollout r) {
            backstage.firmware(m, r, eventAt);
        } else if (action instanceof TimelineEvent.PriorityUpload) {
            camera.priorityUpload();
        } else if (action instanceof TimelineEvent.Fault f) {
            cameraFault(f, m);
        }
    }

    /** A camera fault on one camera (docs/faults.md); {@code for} brings power back or frees the card. */
    private static void cameraFault(TimelineEvent.Fault f, FleetMember m) {
        var camera = m.camera();
        var faults = camera.faults();
        FaultParams p = new FaultParams(f.params());
        long length = f.length().toMillis();
        switch (f.fault()) {
            case CAMERA_REBOOT -> camera.reboot("fault");
            case CAMERA_POWER_LOSS -> {
                faults.powerLoss();
                if (length > 0) {
                    camera.scheduler().schedule(length, camera::powerOn);
                }
            }
            case CAMERA_STORAGE_FULL -> {
                faults.fillStorage();
                if (length > 0) {
                    camera.scheduler().schedule(length, faults::releaseStorage);
                }
            }
            case CAMERA_BATTERY_EXHAUSTION -> faults.setBatteryLevel(p.decimal("level", 0, 0, 100));
            case CAMERA_CLOCK_SKEW -> {
                faults.skewClock(p.offset("by", Duration.ofMinutes(5)));
                if (f.params().containsKey("driftPpm")) {
                    faults.driftPpm(p.decimal("driftPpm", 0, -10_000, 10_000));
                }
            }
            case CAMERA_GPS_LOSS -> faults.loseGps(length > 0 ? f.length() : Duration.ofMinutes(5));
            case CAMERA_CORRUPT_SEGMENT -> faults.corruptNextSegment();
            case CAMERA_DUPLICATE_UPLOAD -> faults.duplicateNextUpload();
            default -> throw new IllegalStateException(f.fault().wireName() + " is not a camera fault");
        }
    }
}
