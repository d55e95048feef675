package io.bodycam.bench.observer.internal;

import io.bodycam.bench.observer.SeqCounts;
import java.util.TreeSet;

/**
 * The {@code seq} bookkeeping of one camera's topic: the contract makes {@code seq} start at 0 and
 * grow by 1 per message on the topic, so a jump is a gap and a seq already seen is a repeat.
 *
 * <p>A repeat whose timestamp is newer than anything seen is a new sequence (the camera rebooted and
 * counts from 0 again): a QoS 1 redelivery carries the original, older payload. Retained messages that
 * the broker replays on (re)subscription are history, not the camera's sending: they neither start nor
 * move a sequence (a retained {@code state} of an earlier run, sped up, can carry a later timestamp
 * than today's first message, which would otherwise read as a repeat). Up to {@value #MAX_HOLES} missing seq numbers are
 * remembered, so a message that arrives late fills its gap instead of counting twice.
 *
 * <p>Each message comes with the observer's connection epoch; the first message after the observer
 * reconnected continues the sequence from its own seq, and what it skipped counts as unobserved.
 *
 * <p>Not thread-safe: its {@link DeviceRecord} guards it.
 */
final class SeqTracker {

    /** What a message was, seen against the sequence so far. */
    enum Verdict {
        IN_ORDER, AFTER_GAP, LATE, RESTART, DUPLICATE, REPLAY;

        /** The first copy of the camera's message (not a redelivery or a broker replay). */
        boolean firstCopy() {
            return this != DUPLICATE && this != REPLAY;
        }

        /** The newest message of the sequence so far: its content supersedes what came before. */
        boolean newest() {
            return this == IN_ORDER || this == AFTER_GAP || this == RESTART;
        }
    }

    static final int MAX_HOLES = 1024;

    private boolean started;
    private long next;
    private long newestTs = Long.MIN_VALUE;
    private long received;
    private long missing;
    private long duplicates;
    private long late;
    private long restarts;
    private long unobserved;
    private int epoch;
    private TreeSet<Long> holes;

    /**
     * @param epoch how many times the observer has reconnected so far
     */
    Verdict accept(long seq, long ts, boolean retained, int epoch) {
        if (retained) {
            return Verdict.REPLAY;
        }
        if (started && epoch != this.epoch && seq > next) {
            unobserved += seq - next;
            next = seq;
        }
        this.epoch = epoch;
        started = true;
        received++;
        if (seq == next) {
            next++;
            newestTs = Math.max(newestTs, ts);
            return Verdict.IN_ORDER;
        }
        if (seq > next) {
            missing += seq - next;
            rememberHoles(next, seq);
            next = seq + 1;
            newestTs = Math.max(newestTs, ts);
            return Verdict.AFTER_GAP;
        }
        if (holes != null && holes.remove(seq)) {
            missing--;
            late++;
            return Verdict.LATE;
        }
        if (ts > newestTs) {
            restarts++;
            next = seq + 1;
            newestTs = ts;
            if (holes != null) {
                holes.clear();
            }
            return Verdict.RESTART;
        }
        duplicates++;
        return Verdict.DUPLICATE;
    }

    SeqCounts counts() {
        return new SeqCounts(received, next, missing, duplicates, late, restarts, unobserved);
    }

    /** Adds this topic's counts to a fleet sum, without a snapshot per camera (see {@link FleetModel#stats}). */
    void addTo(SeqSum sum) {
        sum.add(received, missing, duplicates, late, restarts, unobserved);
    }

    private void rememberHoles(long from, long toExclusive) {
        if (holes == null) {
            holes = new TreeSet<>();
        }
        for (long s = Math.max(from, toExclusive - MAX_HOLES); s < toExclusive; s++) {
            holes.add(s);
        }
        while (holes.size() > MAX_HOLES) {
            holes.pollFirst();
        }
    }
}
