package io.bodycam.sim.time;

import java.time.Duration;
import java.time.Instant;
import java.util.PriorityQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BooleanSupplier;

/**
 * A clock that moves only when told to, for tests and replays: {@link #advance} runs every task that
 * falls due, in time order (ties in scheduling order), on the calling thread. An 8-hour shift is a
 * loop of {@code advance} calls that takes milliseconds.
 *
 * <p>Not thread-safe: one thread owns it, as one event loop owns a camera.
 */
public final class ManualClock implements SimClock, Scheduler {

    private long now;
    private long sequence;
    private final PriorityQueue<Task> queue = new PriorityQueue<>();

    public ManualClock(long startEpochMillis) {
        this.now = startEpochMillis;
    }

    public ManualClock(Instant start) {
        this(start.toEpochMilli());
    }

    @Override
    public long now() {
        return now;
    }

    @Override
    public double speed() {
        return 1.0;
    }

    /** Every loop shares this clock's single queue. */
    @Override
    public Scheduler scheduler(ScheduledExecutorService loop) {
        return this;
    }

    @Override
    public Timer schedule(long delayMillis, Runnable task) {
        Task t = new Task(now + Math.max(0, delayMillis), sequence++, task);
        queue.add(t);
        return () -> t.cancelled = true;
    }

    @Override
    public Timer every(long initialDelayMillis, long periodMillis, Runnable task) {
        if (periodMillis <= 0) {
            throw new IllegalArgumentException("period must be > 0 ms, was " + periodMillis);
        }
        Task t = new Task(now + Math.max(0, initialDelayMillis), sequence++, task);
        t.period = periodMillis;
        queue.add(t);
        return () -> t.cancelled = true;
    }

    @Override
    public void execute(Runnable task) {
        schedule(0, task);
    }

    @Override
    public boolean inThread() {
        return true;
    }

    /** Moves time forward by {@code step}, running what falls due on the way. */
    public void advance(Duration step) {
        advanceTo(now + step.toMillis());
    }

    /** Moves time to {@code epochMillis} (never backwards), running what falls due on the way. */
    public void advanceTo(long epochMillis) {
        advanceTo(epochMillis, () -> false);
    }

    /**
     * As {@link #advanceTo(long)}, but stops after the first task that leaves {@code stop} true, with time at
     * that task's; returns whether it stopped so (a replay that halts at one camera event).
     */
    public boolean advanceTo(long epochMillis, BooleanSupplier stop) {
        if (epochMillis < now) {
            throw new IllegalArgumentException("a manual clock does not go back: now " + now + ", asked " + epochMillis);
        }
        Task next;
        while ((next = queue.peek()) != null && next.at <= epochMillis) {
            queue.poll();
            if (next.cancelled) {
                continue;
            }
            now = next.at;
            next.task.run();
            if (next.period > 0 && !next.cancelled) {
                next.at += next.period;
                next.seq = sequence++;
                queue.add(next);
            }
            if (stop.getAsBoolean()) {
                return true;
            }
        }
        now = epochMillis;
        return false;
    }

    /** Runs the tasks due now (those scheduled with no delay), without moving time. */
    public void runDue() {
        advanceTo(now);
    }

    /** Number of tasks still waiting (cancelled ones included until their time passes). */
    public int pending() {
        return (int) queue.stream().filter(t -> !t.cancelled).count();
    }

    private static final class Task implements Comparable<Task> {
        long at;
        long seq;
        long period;
        final Runnable task;
        boolean cancelled;

        Task(long at, long seq, Runnable task) {
            this.at = at;
            this.seq = seq;
            this.task = task;
        }

        @Override
        public int compareTo(Task o) {
            int c = Long.compare(at, o.at);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }
}
