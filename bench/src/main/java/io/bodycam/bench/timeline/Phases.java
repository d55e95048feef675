package io.bodycam.bench.timeline;

import io.bodycam.bench.metrics.Metrics;
import io.bodycam.bench.metrics.Snapshot;
import io.bodycam.bench.scenario.assertions.Assertion;
import io.bodycam.bench.scenario.TimelineEvent;
import io.bodycam.sim.time.Scheduler;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The run's named phases: each opens at its timeline entry's virtual time and lasts until the next
 * phase opens or the run ends. A snapshot is taken at each opening, at the virtual moment itself, so
 * a phase's metrics are exactly what happened inside it.
 */
public final class Phases {

    private final Map<String, Snapshot> opened = new LinkedHashMap<>();
    private final List<String> order = new ArrayList<>();

    /** Schedules a snapshot at the start of every phase of {@code timeline}, on {@code scheduler}. */
    public Phases(List<TimelineEvent> timeline, long start, Scheduler scheduler, Snapshot.Taker taker) {
        for (TimelineEvent e : timeline) {
            if (e.phase() != null) {
                String name = e.phase();
                order.add(name);
                long at = start + e.at().toMillis();
                scheduler.schedule(at - scheduler.now(), () -> {
                    synchronized (this) {
                        opened.put(name, taker.take(at));
                    }
                });
            }
        }
    }

    /**
     * The metrics an assertion is judged on: the whole run's ({@code whole}) when it names no phase,
     * else its phase's, from the phase's start to its end or {@code now}; none before the phase starts.
     */
    public Map<String, Double> scope(Assertion a, Map<String, Double> whole, Snapshot now) {
        if (a.during() == null) {
            return whole;
        }
        return start(a.during()).map(from -> Metrics.window(from, end(a.during()).orElse(now))).orElse(Map.of());
    }

    /** The snapshot at the phase's start, if it has started. */
    public synchronized Optional<Snapshot> start(String phase) {
        return Optional.ofNullable(opened.get(phase));
    }

    /** The snapshot that closed the phase (the next phase's start), if it has closed. */
    public synchronized Optional<Snapshot> end(String phase) {
        int i = order.indexOf(phase);
        return i + 1 < order.size() ? Optional.ofNullable(opened.get(order.get(i + 1))) : Optional.empty();
    }
}
