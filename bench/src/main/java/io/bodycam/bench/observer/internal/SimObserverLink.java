package io.bodycam.bench.observer.internal;

import io.bodycam.sim.simnet.SimBroker;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * The observer in simulated mode: subscribed to the in-memory broker, it hands each message to the
 * {@link MessageHandler} on the simulation's one thread, stamped with the virtual time it was delivered,
 * and sends commands through the broker (failing at once when the camera is not connected, where a real
 * broker would drop it and the command would time out).
 */
public final class SimObserverLink implements ObserverLink {

    private final SimBroker broker;
    private final MessageHandler handler;
    private boolean open;
    private long busyNanos;

    public SimObserverLink(SimBroker broker, MessageHandler handler) {
        this.broker = broker;
        this.handler = handler;
    }

    @Override
    public void open() {
        if (open) {
            return;
        }
        open = true;
        broker.subscribe(m -> {
            if (open) {
                long t0 = System.nanoTime();
                handler.handle(m.topicName(), m.payload(), false, m.deliveredAt());
                busyNanos += System.nanoTime() - t0;
            }
        });
    }

    @Override
    public void close() {
        open = false;
    }

    @Override
    public boolean isConnected() {
        return open;
    }

    /** The in-memory broker never goes away. */
    @Override
    public long reconnects() {
        return 0;
    }

    @Override
    public void publish(String topic, byte[] payload, Consumer<Throwable> onFailure) {
        if (!broker.command(topic, payload)) {
            onFailure.accept(new IllegalStateException("no connected camera subscribes to " + topic));
        }
    }

    /** Every message is handled as it is delivered. */
    @Override
    public boolean settle(Duration timeout) {
        return true;
    }

    @Override
    public long busyNanos() {
        return busyNanos;
    }
}
