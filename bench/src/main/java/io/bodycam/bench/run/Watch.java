package io.bodycam.bench.run;

import io.bodycam.bench.fleet.Fleet;
import io.bodycam.bench.metrics.BenchHealth;
import io.bodycam.bench.metrics.Metrics;
import io.bodycam.bench.metrics.RunMeters;
import io.bodycam.bench.metrics.Snapshot;
import io.bodycam.bench.observer.FleetObserver;
import io.bodycam.bench.run.record.FleetLook;
import io.bodycam.bench.run.record.LiveVerdicts;
import io.bodycam.bench.run.record.RunRecorder;
import io.bodycam.bench.scenario.Scenario;
import io.bodycam.bench.scenario.assertions.Assertion;
import io.bodycam.bench.timeline.Phases;
import io.bodycam.bench.verdict.AssertionResult;
import io.bodycam.record.SummaryMetrics;
import io.bodycam.sim.camera.CameraSnapshot;
import io.bodycam.sim.time.SimClock;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The runner's watch step: looks at the run once a tick (the fleet's snapshots into the record and
 * the progress line, the abortable assertions) until it is over: at the scenario's duration, earlier
 * once the timeline has played and the fleet is {@link Fleet#drained drained} with every message
 * delivered, or as soon as an {@code abortOnFail} assertion fails.
 */
final class Watch {

    /** What the watch saw: when every camera was first online (wall ms, NaN: never), who was online at the end, why it ended. */
    record Outcome(double allConnectedAfterMillis, int onlineAtEnd, String endReason) {

        boolean aborted() {
            return endReason.startsWith("aborted");
        }
    }

    private final Scenario scenario;
    private final SimClock clock;
    private final Fleet fleet;
    private final FleetObserver observer;
    private final RunRecorder record;
    private final RunMeters meters;
    private final Snapshot.Taker taker;
    private final Phases phases;
    private final Progress progress;
    private final BenchHealth health;
    private final long start;
    private final long timelineEnd;
    private final long wallStart;
    private final List<Assertion> abortable;
    private final Consumer<List<CameraSnapshot>> onLook;
    private double allConnectedAfter = Double.NaN;

    /**
     * @param start       the run's virtual start (epoch ms)
     * @param timelineEnd when the timeline's last event has happened (virtual epoch ms)
     * @param wallStart   {@link System#nanoTime()} at the run's start
     * @param onLook      told the fleet's snapshots at every look (the live dashboard)
     */
    Watch(Scenario scenario, SimClock clock, Fleet fleet, FleetObserver observer, RunRecorder record, RunMeters meters,
          Snapshot.Taker taker, Phases phases, Progress progress, BenchHealth health, long start, long timelineEnd, long wallStart,
          Consumer<List<CameraSnapshot>> onLook) {
        this.scenario = scenario;
        this.clock = clock;
        this.fleet = fleet;
        this.observer = observer;
        this.record = record;
        this.meters = meters;
        this.taker = taker;
        this.phases = phases;
        this.progress = progress;
        this.health = health;
        this.start = start;
        this.timelineEnd = timelineEnd;
        this.wallStart = wallStart;
        this.abortable = scenario.assertions().stream().filter(Assertion::abortOnFail).toList();
        this.onLook = onLook;
    }

    /** Looks once a tick until the run is over. */
    Outcome until(Ticker ticker) {
        Optional<String> reason = Optional.empty();
        while (reason.isEmpty()) {
            try {
                ticker.next();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("run interrupted", e);
            }
            reason = tick();
        }
        return end(reason.get());
    }

    /** One look at the run: records it, and says why the run is over if it is. */
    Optional<String> tick() {
        long wall = (System.nanoTime() - wallStart) / 1_000_000;
        long virtual = clock.now() - start;
        if (Double.isNaN(allConnectedAfter) && observer.onlineCount() >= fleet.members().size()) {
            allConnectedAfter = wall;
        }
        List<CameraSnapshot> snapshots = fleet.snapshots();
        onLook.accept(snapshots);
        FleetLook look = record.look(virtual, snapshots);
        health.sample(System.nanoTime());
        progress.tick(wall, look, meters, LiveVerdicts.failedSoFar(scenario.assertions(), record.liveMetrics()).size(),
                health.describe(taker.timerLagP99Millis()));
        Optional<String> failing = abortable.isEmpty() ? Optional.empty() : failing(taker.take(clock.now()));
        if (failing.isPresent()) {
            return Optional.of("aborted: " + failing.get());
        }
        if (virtual >= scenario.duration().toMillis()) {
            return Optional.of("duration reached");
        }
        if (clock.now() >= timelineEnd && Fleet.drained(snapshots) && fleet.telemetrySettled(snapshots)) {
            return Optional.of("timeline over, every camera docked and idle or off, every message delivered");
        }
        return Optional.empty();
    }


    private Outcome end(String reason) {
        progress.done();
        return new Outcome(allConnectedAfter, observer.onlineCount(), reason);
    }

    /** The first abortOnFail assertion that already fails, measured so far (in its phase, once it started). */
    private Optional<String> failing(Snapshot now) {
        Map<String, Double> whole = Metrics.window(null, now);
        for (AssertionResult r : AssertionResult.evaluate(abortable, a -> phases.scope(a, whole, now))) {
            if (!r.passed() && r.actual() != null) {
                return Optional.of(r.assertion().expr() + " (actual " + SummaryMetrics.format(r.actual()) + ")");
            }
        }
        return Optional.empty();
    }
}
