package io.bodycam.bench.backend.observer;

/** A running MQTT broker a contract test talks to; a subclass of {@link FleetObserverContract} supplies it. */
interface BrokerUnderTest extends AutoCloseable {

    String url();

    /** Whether {@link #restart()} is supported (same port, sessions lost). */
    boolean canRestart();

    void restart();

    @Override
    void close();
}
