package io.bodycam.bench.fleet;

import io.bodycam.bench.scenario.FleetGroup;
import io.bodycam.bench.scenario.Scenario;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * One camera of the whole fleet as the timeline sees it: its 1-based index, group and device id.
 * Timeline selections are made over every slot, so a shard that runs some of the cameras gives each
 * the same moments it gets in the unsharded run.
 */
public record Slot(int index, String group, String deviceId) {

    /** Every camera of the scenario, in fleet order. */
    public static List<Slot> roster(Scenario scenario) {
        List<Slot> slots = new ArrayList<>();
        int index = 0;
        for (FleetGroup g : scenario.fleet()) {
            for (int k = 0; k < g.count(); k++) {
                index++;
                slots.add(new Slot(index, g.name(), g.deviceId(index)));
            }
        }
        return slots;
    }

    /**
     * Which device ids a run's observer watches: every camera on the broker for a whole run (as the
     * backend would), the shard's own cameras for a shard, whose broker other shards may share.
     */
    public static Predicate<String> watched(Scenario scenario, Shard shard) {
        if (shard.whole()) {
            return deviceId -> true;
        }
        return share(scenario, shard)::contains;
    }

    /** The device ids of a shard's own cameras (of every camera, for a whole run). */
    public static Set<String> share(Scenario scenario, Shard shard) {
        Set<String> own = new HashSet<>();
        for (Slot s : roster(scenario)) {
            if (shard.contains(s.index())) {
                own.add(s.deviceId());
            }
        }
        return own;
    }

    /**
     * Whose segments a run answers for when it looks for segments the backend holds that no camera
     * recorded ({@code evidence.unexpected}): a whole run for all; a shard for its own cameras, and
     * shard 0 also for device ids that are no camera of the fleet, so the merged shards count each such
     * segment once.
     */
    public static Predicate<String> accountable(Scenario scenario, Shard shard) {
        if (shard.whole()) {
            return deviceId -> true;
        }
        Set<String> fleet = new HashSet<>();
        roster(scenario).forEach(s -> fleet.add(s.deviceId()));
        Predicate<String> own = watched(scenario, shard);
        return deviceId -> own.test(deviceId) || shard.index() == 0 && !fleet.contains(deviceId);
    }

    /** The slots of cameras already built (tests, a whole-fleet run). */
    public static List<Slot> of(List<FleetMember> members) {
        return members.stream().map(m -> new Slot(m.index(), m.group(), m.camera().deviceId())).toList();
    }
}
