package io.bodycam.bench.run;

import io.bodycam.sim.time.PausableClock;
import io.bodycam.sim.time.SimClock;
import io.bodycam.sim.time.TimerLagListener;
import io.bodycam.sim.time.WallClock;

import java.time.Duration;
import java.time.Instant;

/**
 * How time passes in a run: the virtual clock the cameras, the backend and the timeline read, and the
 * pace of the watch loop. A real run follows the wall clock at the scenario's speed ({@link #wall()});
 * a test hands in a clock it holds and a ticker that steps it ({@link #stepped}).
 */
public record Timing(ClockSource clock, Ticker ticker) {

    /** Makes the run's clock once the run knows its start and speed. */
    @FunctionalInterface
    public interface ClockSource {
        /** @param lag told how late each camera timer fired, when the clock can tell */
        SimClock start(long startEpochMillis, double speed, TimerLagListener lag);
    }

    /** Wall time sped up by the scenario's clock speed, looked at once a wall second. */
    public static Timing wall() {
        return new Timing(WallClock::startingAt, Ticker.wallSecond());
    }

    /**
     * As {@link #wall()}, with the run's virtual start at the wall instant {@code at}: shards of one run
     * given the same instant start their timelines together.
     */
    public static Timing wallFrom(Instant at) {
        return new Timing((start, speed, lag) -> WallClock.startingAt(start, speed, lag, at.toEpochMilli()), Ticker.wallSecond());
    }

    /**
     * Virtual time on {@code clock} (paused; its start wins over the scenario's), moved ahead by
     * {@code perTick} before each look of the watch loop: the run takes as long as its work, not its
     * virtual duration.
     */
    public static Timing stepped(PausableClock clock, Duration perTick) {
        return new Timing((start, speed, lag) -> clock, Ticker.stepping(clock, perTick));
    }
}
