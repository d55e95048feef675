package io.bodycam.bench.live;

import java.util.List;

/**
 * The time scrubber of a replayed run: where the replay stands between the run's start and end, and
 * whether it plays. Times are virtual epoch milliseconds (the scenario's clock). The server advances a
 * playing replay by the wall time between its batches.
 */
public interface ReplayControl {

    /**
     * Where the replay stands.
     *
     * @param speed virtual milliseconds played per wall millisecond while playing
     */
    record Position(long start, long end, long at, double speed, boolean playing) {
    }

    Position position();

    /** Jumps to {@code virtualTime}, clamped to the run. */
    void seek(long virtualTime);

    /** Plays on at {@code speed} virtual per wall millisecond (1 to 10,000); from the start when at the end. */
    void play(double speed);

    void pause();

    /** Moves a playing replay on by {@code wallMillis}; stops at the end. */
    void advance(long wallMillis);

    /** The run's counters from start to end, at most {@code maxPoints} of them, evenly spread. */
    List<FleetCounters> history(int maxPoints);
}
