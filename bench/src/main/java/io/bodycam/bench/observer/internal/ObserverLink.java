package io.bodycam.bench.observer.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * How the observer reaches the broker: to a real one over Netty's MQTT codec ({@link NettyObserverLink},
 * {@code tcp://}) or over Paho ({@link ObserverConnection}, {@code mqtts://}), or in memory to simulated
 * mode's broker ({@link SimObserverLink}). Messages it receives go to the observer's {@link MessageHandler}.
 */
public interface ObserverLink {

    /** Connects and subscribes; returns once every subscription is granted. */
    void open() throws IOException;

    void close();

    boolean isConnected();

    /** Times it reconnected after losing the broker. */
    long reconnects();

    /** Publishes a command; {@code onFailure} hears why, if it could not be sent. */
    void publish(String topic, byte[] payload, Consumer<Throwable> onFailure);

    /** Waits, at most {@code timeout}, until every message that had arrived is handled; whether it caught up. */
    boolean settle(Duration timeout);

    /** Wall nanoseconds spent handling messages. */
    long busyNanos();
}
