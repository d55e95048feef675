package io.bodycam.bench.run.record;

import io.bodycam.bench.scenario.FleetGroup;
import io.bodycam.bench.scenario.Scenario;
import io.bodycam.record.files.Camera;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * The record's {@code devices.jsonl}: every camera the run plays (a shard's own, for
 * {@code --shard i/N}) with its 1-based fleet index, its group and agency, numbered as the fleet numbers
 * them (group by group, in scenario order), so a report can break a run down by group and a merge of
 * shards can check that every camera ran in exactly one shard.
 */
final class RosterFile {

    private RosterFile() {
    }

    static void write(Path file, Scenario scenario, IntPredicate plays) throws IOException {
        List<Camera> roster = new ArrayList<>();
        int index = 0;
        for (FleetGroup group : scenario.fleet()) {
            for (int k = 0; k < group.count(); k++) {
                int i = ++index;
                if (plays.test(i)) {
                    roster.add(new Camera(group.deviceId(i), i, group.name(), group.agency()));
                }
            }
        }
        Camera.write(file, roster);
    }
}
