package io.bodycam.bench.live.internal;

import io.bodycam.bench.live.FleetCounters;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The counters of a live run, one sample a wall second or more apart, the latest {@code capacity}
 * kept: what a page opened in the middle of a run draws its charts from. Thread-safe.
 */
public final class CounterHistory {

    private final int capacity;
    private final ArrayDeque<FleetCounters> samples = new ArrayDeque<>();

    public CounterHistory(int capacity) {
        this.capacity = capacity;
    }

    public synchronized void add(FleetCounters c) {
        if (samples.size() == capacity) {
            samples.removeFirst();
        }
        samples.addLast(c);
    }

    public synchronized List<FleetCounters> all() {
        return new ArrayList<>(samples);
    }
}
