package io.bodycam.bench.testing;

import io.bodycam.backend.broker.EmbeddedBroker;
import io.bodycam.sim.testing.TestBroker;
import java.util.Map;

/** The embedded HiveMQ CE broker (the reference backend's own) as one broker of the test matrix. */
public final class HiveMqTestBroker implements TestBroker {

    private final EmbeddedBroker broker;

    private HiveMqTestBroker(EmbeddedBroker broker) {
        this.broker = broker;
    }

    /** Starts HiveMQ CE in this JVM on a free loopback port. */
    public static HiveMqTestBroker start() {
        EmbeddedBroker broker = EmbeddedBroker.builder().build();
        broker.start();
        return new HiveMqTestBroker(broker);
    }

    @Override
    public String name() {
        return "hivemq-ce (embedded)";
    }

    @Override
    public String url() {
        return broker.url();
    }

    @Override
    public int port() {
        return broker.port();
    }

    @Override
    public Map<Limit, String> limits() {
        return Map.of();
    }

    @Override
    public void kill() {
        broker.stop();
    }

    @Override
    public void startAgain() {
        broker.start();
    }

    @Override
    public void close() {
        broker.close();
    }
}
