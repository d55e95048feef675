package io.bodycam.bench.metrics;

import io.bodycam.bench.observer.FleetObserver;
import io.bodycam.bench.observer.FleetStats;
import io.bodycam.bench.observer.TopicKind;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.util.EnumMap;
import java.util.Map;

/**
 * The run's cumulative measurements at one moment: what the observer received and timed, commands,
 * uploads and timer lag so far. The metrics of a window (a phase, or the run so far) are the
 * difference of two snapshots ({@link Metrics#window}).
 */
public record Snapshot(long virtualTime, FleetStats stats, Map<TopicKind, Histogram> latency, Histogram commandRoundTrip,
                Histogram timerLag, long commandsSent, long commandsAcked, long commandsFailed, long uploadsCompleted,
                long uploadsFailed, long uploadBytes, int online) {

    /** Takes snapshots of one run's live sources; safe from any thread. */
    public static final class Taker {
        private final FleetObserver observer;
        private final RunCollector collector;
        private final CommandCounter commands;
        private final Recorder lag;
        private final Histogram lagSoFar = new Histogram(3_600_000_000L, 3);
        private final Histogram lagWindow = new Histogram(3_600_000_000L, 3);

        public Taker(FleetObserver observer, RunCollector collector, CommandCounter commands, Recorder lag) {
            this.observer = observer;
            this.collector = collector;
            this.commands = commands;
            this.lag = lag;
        }

        /** The camera timer lag p99 so far, in milliseconds (NaN before any timer fired). */
        public synchronized double timerLagP99Millis() {
            drainLag();
            return p99Millis(lagSoFar);
        }

        /** The camera timer lag p99 since the previous call, in milliseconds (NaN: no timer fired since). */
        public synchronized double timerLagWindowP99Millis() {
            drainLag();
            double p99 = p99Millis(lagWindow);
            lagWindow.reset();
            return p99;
        }

        private void drainLag() {
            Histogram interval = lag.getIntervalHistogram();
            lagSoFar.add(interval);
            lagWindow.add(interval);
        }

        private static double p99Millis(Histogram h) {
            return h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(99) / 1000.0;
        }

        public synchronized Snapshot take(long virtualTime) {
            drainLag();
            Map<TopicKind, Histogram> latency = new EnumMap<>(TopicKind.class);
            for (TopicKind k : TopicKind.values()) {
                latency.put(k, observer.latency(k));
            }
            return new Snapshot(virtualTime, observer.stats(), latency, observer.commandRoundTrip(), lagSoFar.copy(),
                    commands.sent(), commands.acked(), commands.failed(), collector.uploadsCompleted(),
                    collector.uploadsFailed(), collector.uploadBytes(), observer.onlineCount());
        }
    }
}
