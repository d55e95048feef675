package io.bodycam.bench.observer.internal;

import io.bodycam.bench.observer.SeqCounts;

/**
 * One topic's {@link SeqCounts} summed over the fleet, added to in place: the fleet's figures are read once a
 * wall second, and a snapshot per camera and topic to add them up made most of that look's garbage.
 */
final class SeqSum {

    private long received;
    private long missing;
    private long duplicates;
    private long late;
    private long restarts;
    private long unobserved;

    void add(long received, long missing, long duplicates, long late, long restarts, long unobserved) {
        this.received += received;
        this.missing += missing;
        this.duplicates += duplicates;
        this.late += late;
        this.restarts += restarts;
        this.unobserved += unobserved;
    }

    /** The sum, {@code nextExpected} 0 (it means nothing summed). */
    SeqCounts counts() {
        return new SeqCounts(received, 0, missing, duplicates, late, restarts, unobserved);
    }
}
