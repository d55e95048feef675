package io.bodycam.sim.time;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Virtual time that follows the wall clock, optionally {@code speed} times faster: a 12-hour shift at
 * speed 60 takes 12 minutes. Timers run on the event loop given to {@link #scheduler}, with their
 * virtual delay divided by the speed; each fire reports its lag to a {@link TimerLagListener}.
 *
 * <p>This is the one place in the simulator that reads the system clock.
 */
public final class WallClock implements SimClock {

    private static final long NOT_A_TIMER = Long.MIN_VALUE;

    private final double speed;
    private final long startEpochMillis;
    private final long startNanos;
    /** The wall clock's epoch millis at {@code startNanos}. */
    private final long wallStartMillis;
    private final TimerLagListener lagListener;

    private WallClock(double speed, long startEpochMillis, TimerLagListener lagListener) {
        this(speed, startEpochMillis, lagListener, System.nanoTime());
    }

    private WallClock(double speed, long startEpochMillis, TimerLagListener lagListener, long startNanos) {
        if (!(speed > 0) || speed > 100_000 || Double.isInfinite(speed)) {
            throw new IllegalArgumentException("clock speed must be > 0 and <= 100000, was " + speed);
        }
        this.speed = speed;
        this.startEpochMillis = startEpochMillis;
        this.startNanos = startNanos;
        this.wallStartMillis = System.currentTimeMillis() + (startNanos - System.nanoTime()) / 1_000_000L;
        this.lagListener = lagListener;
    }

    /** Real time: virtual now is the system's now. */
    public static WallClock realTime() {
        return new WallClock(1.0, System.currentTimeMillis(), TimerLagListener.NONE);
    }

    /**
     * Virtual time starting at {@code startEpochMillis} now and running {@code speed} times faster
     * than the wall clock.
     */
    public static WallClock startingAt(long startEpochMillis, double speed, TimerLagListener lagListener) {
        return new WallClock(speed, startEpochMillis, lagListener);
    }

    /**
     * Virtual time that reads {@code startEpochMillis} at the wall instant {@code wallEpochMillis} (in the
     * future: virtual time before it reads earlier), running {@code speed} times faster than the wall
     * clock: processes given the same instant share one virtual timeline.
     */
    public static WallClock startingAt(long startEpochMillis, double speed, TimerLagListener lagListener, long wallEpochMillis) {
        long nanos = System.nanoTime() + (wallEpochMillis - System.currentTimeMillis()) * 1_000_000L;
        return new WallClock(speed, startEpochMillis, lagListener, nanos);
    }

    @Override
    public long now() {
        return startEpochMillis + (long) ((System.nanoTime() - startNanos) * speed / 1_000_000.0);
    }

    @Override
    public double speed() {
        return speed;
    }

    @Override
    public long fromWall(long wallEpochMillis) {
        return startEpochMillis + (long) ((wallEpochMillis - wallStartMillis) * speed);
    }

    /** Wall nanoseconds that {@code virtualMillis} of virtual time take at this clock's speed. */
    public long wallNanos(long virtualMillis) {
        return (long) (virtualMillis * 1_000_000.0 / speed);
    }

    @Override
    public Scheduler scheduler(ScheduledExecutorService loop) {
        return new LoopScheduler(loop);
    }

    /** Schedules on one event loop; the loop's thread is the device's thread. */
    private final class LoopScheduler implements Scheduler {
        private final ScheduledExecutorService loop;
        private volatile Thread loopThread;
        /** Wall nanos the running timer was due at; NOT_A_TIMER outside one. Read and written on the loop's thread only. */
        private long dueNanos = NOT_A_TIMER;

        LoopScheduler(ScheduledExecutorService loop) {
            this.loop = loop;
        }

        @Override
        public long now() {
            return WallClock.this.now();
        }

        @Override
        public long due() {
            long d = dueNanos;
            return d == NOT_A_TIMER ? now() : startEpochMillis + (long) ((d - startNanos) * speed / 1_000_000.0);
        }

        @Override
        public Timer schedule(long delayMillis, Runnable task) {
            long delayNanos = Math.max(0, wallNanos(delayMillis));
            long intended = System.nanoTime() + delayNanos;
            var future = loop.schedule(() -> {
                lagListener.timerFired(System.nanoTime() - intended);
                runDue(intended, task);
            }, delayNanos, TimeUnit.NANOSECONDS);
            return () -> future.cancel(false);
        }

        @Override
        public Timer every(long initialDelayMillis, long periodMillis, Runnable task) {
            if (periodMillis <= 0) {
                throw new IllegalArgumentException("period must be > 0 ms, was " + periodMillis);
            }
            long delayNanos = Math.max(0, wallNanos(initialDelayMillis));
            long periodNanos = Math.max(1, wallNanos(periodMillis));
            long[] intended = {System.nanoTime() + delayNanos};
            var future = loop.scheduleAtFixedRate(() -> {
                long due = intended[0];
                lagListener.timerFired(System.nanoTime() - due);
                intended[0] += periodNanos;
                runDue(due, task);
            }, delayNanos, periodNanos, TimeUnit.NANOSECONDS);
            return () -> future.cancel(false);
        }

        @Override
        public void execute(Runnable task) {
            loop.execute(() -> runHere(task));
        }

        private void runDue(long due, Runnable task) {
            dueNanos = due;
            try {
                runHere(task);
            } finally {
                dueNanos = NOT_A_TIMER;
            }
        }

        private void runHere(Runnable task) {
            loopThread = Thread.currentThread();
            task.run();
        }

        @Override
        public boolean inThread() {
            if (loop instanceof io.netty.util.concurrent.EventExecutor netty) {
                return netty.inEventLoop();
            }
            return Thread.currentThread() == loopThread;
        }
    }
}
