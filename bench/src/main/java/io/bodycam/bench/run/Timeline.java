package io.bodycam.bench.run;

import io.bodycam.bench.scenario.TimelineEvent;
import io.bodycam.sim.camera.Trigger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Puts a scenario's timeline onto the cameras' own schedulers: each event picks its share of the fleet
 * (a seeded shuffle, so the same seed picks the same cameras) and spreads them evenly over its
 * {@code over} window. After that the timeline needs no thread of its own.
 */
final class Timeline {

    /** Sends a backend command to one camera (through the observer, in a run). */
    @FunctionalInterface
    interface CommandSender {
        void send(FleetMember member, String type, Map<String, Object> params);
    }

    private Timeline() {
    }

    /**
     * Schedules every event relative to {@code start} (virtual epoch ms) and returns the virtual time at
     * which the last one has happened.
     */
    static long schedule(List<TimelineEvent> events, List<FleetMember> fleet, long seed, long start, CommandSender commands) {
        return schedule(events, fleet, fleet.size(), seed, start, commands);
    }

    /**
     * As above for the cameras of one {@link Shard}: each event picks from, and spreads over, the whole
     * fleet of {@code fleetSize} cameras, and only the picks present in {@code members} are scheduled, so
     * every camera gets the times it gets in the unsharded run.
     */
    static long schedule(List<TimelineEvent> events, List<FleetMember> members, int fleetSize, long seed, long start,
                         CommandSender commands) {
        Map<Integer, FleetMember> byIndex = new HashMap<>();
        members.forEach(m -> byIndex.put(m.index(), m));
        long end = start;
        for (int i = 0; i < events.size(); i++) {
            TimelineEvent e = events.get(i);
            List<Integer> chosen = pickIndices(fleetSize, e.fraction(), seed * 31 + i);
            for (int k = 0; k < chosen.size(); k++) {
                FleetMember m = byIndex.get(chosen.get(k));
                if (m == null) {
                    continue;
                }
                long at = start + e.at().toMillis() + spread(e.over(), k, chosen.size());
                var scheduler = m.camera().scheduler();
                scheduler.schedule(at - scheduler.now(), () -> apply(e, m, commands));
            }
            end = Math.max(end, start + e.at().toMillis() + e.over().toMillis());
        }
        return end;
    }

    /** The first {@code ceil(fraction * n)} cameras of a shuffle seeded by {@code seed}, in fleet order. */
    static List<FleetMember> pick(List<FleetMember> fleet, double fraction, long seed) {
        return pickIndices(fleet.size(), fraction, seed).stream().map(index -> fleet.get(index - 1)).toList();
    }

    /** The 1-based fleet indices {@link #pick} chooses out of {@code fleetSize}, ascending. */
    static List<Integer> pickIndices(int fleetSize, double fraction, long seed) {
        List<Integer> all = new ArrayList<>(fleetSize);
        for (int k = 1; k <= fleetSize; k++) {
            all.add(k);
        }
        int n = (int) Math.min(fleetSize, Math.ceil(fraction * fleetSize - 1e-9));
        if (n == fleetSize) {
            return all;
        }
        Collections.shuffle(all, new Random(seed));
        List<Integer> chosen = new ArrayList<>(all.subList(0, n));
        Collections.sort(chosen);
        return chosen;
    }

    private static long spread(Duration over, int k, int n) {
        return n <= 1 ? 0 : over.toMillis() * k / n;
    }

    private static void apply(TimelineEvent e, FleetMember m, CommandSender commands) {
        if (e instanceof TimelineEvent.PowerOn) {
            m.camera().powerOn();
            m.officer().onDuty();
        } else if (e instanceof TimelineEvent.Dock) {
            m.officer().offDuty();
            m.camera().dock();
        } else if (e instanceof TimelineEvent.Undock) {
            m.camera().undock();
            m.officer().onDuty();
        } else if (e instanceof TimelineEvent.Surge s) {
            m.camera().trigger(Trigger.SURGE, "surge", true);
            m.camera().scheduler().schedule(s.length().toMillis(), m.camera()::stopRecording);
        } else if (e instanceof TimelineEvent.Command c) {
            commands.send(m, c.type(), c.params());
        }
    }
}
