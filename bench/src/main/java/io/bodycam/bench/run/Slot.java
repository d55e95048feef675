package io.bodycam.bench.run;

import io.bodycam.bench.scenario.FleetGroup;
import io.bodycam.bench.scenario.Scenario;

import java.util.ArrayList;
import java.util.List;

/**
 * One camera of the whole fleet as the timeline sees it: its 1-based index, group and device id.
 * Timeline selections are made over every slot, so a shard that runs some of the cameras gives each
 * the same moments it gets in the unsharded run.
 */
record Slot(int index, String group, String deviceId) {

    /** Every camera of the scenario, in fleet order. */
    static List<Slot> roster(Scenario scenario) {
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

    /** The slots of cameras already built (tests, a whole-fleet run). */
    static List<Slot> of(List<FleetMember> members) {
        return members.stream().map(m -> new Slot(m.index(), m.group(), m.camera().deviceId())).toList();
    }
}
