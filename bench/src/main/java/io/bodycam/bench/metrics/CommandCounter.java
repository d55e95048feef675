package io.bodycam.bench.metrics;

import io.bodycam.bench.fleet.FleetMember;
import io.bodycam.bench.observer.FleetObserver;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** Sends the timeline's backend commands through the observer and counts how they ended. */
public final class CommandCounter {

    /** How long a camera has to answer a command (wall time). */
    public static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final LongAdder sent = new LongAdder();
    private final LongAdder acked = new LongAdder();
    private final LongAdder failed = new LongAdder();

    public void send(FleetObserver observer, FleetMember member, String type, Map<String, Object> params) {
        sent.increment();
        observer.sendCommand(member.agency(), member.camera().deviceId(), type, params, TIMEOUT)
                .whenComplete((ack, error) -> (error == null && ack.ok() ? acked : failed).increment());
    }

    public long sent() {
        return sent.sum();
    }

    public long acked() {
        return acked.sum();
    }

    public long failed() {
        return failed.sum();
    }
}
