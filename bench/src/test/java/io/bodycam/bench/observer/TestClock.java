package io.bodycam.bench.observer;

import io.bodycam.sim.time.Scheduler;
import io.bodycam.sim.time.SimClock;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Virtual time that stands still unless a test moves it, readable from Paho's threads, at a chosen
 * speed: latency then depends only on the timestamps a test writes, not on the network.
 */
final class TestClock implements SimClock {

    private volatile long now;
    private final double speed;

    TestClock(long now, double speed) {
        this.now = now;
        this.speed = speed;
    }

    @Override
    public long now() {
        return now;
    }

    void set(long now) {
        this.now = now;
    }

    @Override
    public double speed() {
        return speed;
    }

    @Override
    public Scheduler scheduler(ScheduledExecutorService loop) {
        throw new UnsupportedOperationException("the observer schedules nothing on virtual time");
    }
}
