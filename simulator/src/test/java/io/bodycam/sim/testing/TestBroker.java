package io.bodycam.sim.testing;

import io.bodycam.sim.mqtt.MqttProtocol;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An MQTT broker a test started on a free loopback port and stops after it: one implementation per
 * broker of the matrix (Mosquitto, RabbitMQ, aedes here; the embedded HiveMQ CE in bench's tests), so
 * one contract test class runs against each. What a broker cannot do is stated as a {@link Limit}
 * with the reason, and the contract skips that case for this broker only.
 */
public interface TestBroker extends AutoCloseable {

    /** Something a contract case needs that not every broker has. */
    enum Limit {
        /** The broker does not speak MQTT 5 (OASIS MQTT 5.0). */
        NO_MQTT_5,
        /** The test cannot stop and start this broker on the same port. */
        NO_RESTART
    }

    /** Broker name and version, e.g. {@code mosquitto 2.0.11}. */
    String name();

    /** {@code tcp://127.0.0.1:PORT}. */
    String url();

    int port();

    /** What this broker lacks, each with the reason (empty: the whole contract applies). */
    Map<Limit, String> limits();

    /** The reason this broker lacks {@code limit}, if it does. */
    default Optional<String> lacks(Limit limit) {
        return Optional.ofNullable(limits().get(limit));
    }

    /** The protocol levels this broker speaks. */
    default Set<MqttProtocol> protocols() {
        return limits().containsKey(Limit.NO_MQTT_5) ? Set.of(MqttProtocol.V3_1_1)
                : Set.of(MqttProtocol.V3_1_1, MqttProtocol.V5);
    }

    /**
     * Stops the broker at once, as a crash would: every connection drops. {@link #startAgain()} brings
     * it back on the same port.
     *
     * @throws UnsupportedOperationException if {@link Limit#NO_RESTART}
     */
    void kill();

    /** Starts the broker again on the same port after {@link #kill()} and waits until it accepts connections. */
    void startAgain();

    /** Stops the broker (politely where it can) and frees what it holds. */
    @Override
    void close();
}
