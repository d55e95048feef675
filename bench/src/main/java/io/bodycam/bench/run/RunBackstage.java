package io.bodycam.bench.run;

import io.bodycam.backend.ReferenceBackend;
import io.bodycam.bench.fleet.FleetMember;
import io.bodycam.bench.metrics.CommandCounter;
import io.bodycam.bench.observer.FleetObserver;
import io.bodycam.bench.recovery.RecoveryTracker;
import io.bodycam.bench.scenario.TimelineEvent;
import io.bodycam.bench.timeline.FaultInjector;
import io.bodycam.bench.timeline.FirmwareRollouts;
import io.bodycam.bench.timeline.Timeline;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * What the timeline of a run asks of the backend side: commands sent through the observer and counted,
 * firmware offered by the embedded backend, network and backend faults injected. Commands and offers
 * go out on the bench's own command thread, never on a camera's event loop.
 */
final class RunBackstage implements Timeline.Backstage, AutoCloseable {

    private final FleetObserver observer;
    private final CommandCounter commands;
    private final RecoveryTracker recovery;
    private final FaultInjector faults;
    private final FirmwareRollouts rollouts;
    private final List<FleetMember> members;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> new Thread(r, "bodycam-commands"));

    /** @param embedded the embedded backend (firmware rollouts), or null against an external one */
    RunBackstage(FleetObserver observer, CommandCounter commands, RecoveryTracker recovery, FaultInjector faults,
                 ReferenceBackend embedded, double payloadScale, List<FleetMember> members) {
        this.observer = observer;
        this.commands = commands;
        this.recovery = recovery;
        this.faults = faults;
        this.members = members;
        this.rollouts = embedded == null ? null : new FirmwareRollouts(embedded.evidence().firmware(), payloadScale);
    }

    @Override
    public void command(FleetMember member, String type, Map<String, Object> params) {
        thread.execute(() -> commands.send(observer, member, type, params));
    }

    @Override
    public void firmware(FleetMember member, TimelineEvent.FirmwareRollout rollout, long windowStart) {
        thread.execute(() -> commands.send(observer, member, "updateFirmware",
                rollouts.offer(member, rollout, windowStart).params()));
    }

    @Override
    public void cameraFaultOver(long virtualAt) {
        recovery.faultEnded(virtualAt);
    }

    @Override
    public void fault(TimelineEvent.Fault fault, List<String> groups, long at) {
        faults.inject(fault, groups, at, members);
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
