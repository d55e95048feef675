package io.bodycam.bench.backend.broker;

import io.bodycam.sim.testing.AedesProcess;
import io.bodycam.sim.testing.MosquittoProcess;
import io.bodycam.sim.testing.RabbitMqProcess;
import io.bodycam.sim.testing.TestBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/** The brokers every broker contract runs against on these machines, each started on a free loopback port. */
public enum BrokerMatrix {
    HIVEMQ,
    MOSQUITTO,
    RABBITMQ,
    AEDES;

    /** Why this broker cannot run here, if it cannot. */
    public Optional<String> unavailable() {
        return switch (this) {
            case HIVEMQ -> Optional.empty();
            case MOSQUITTO -> MosquittoProcess.findBinary().isPresent() ? Optional.empty()
                    : Optional.of("mosquitto is not installed (apt-get install -y mosquitto)");
            case RABBITMQ -> RabbitMqProcess.findServer().isPresent() ? Optional.empty()
                    : Optional.of("rabbitmq-server is not installed (apt-get install -y rabbitmq-server)");
            case AEDES -> AedesProcess.unavailable();
        };
    }

    /** Starts this broker; call {@link #unavailable()} first. */
    public TestBroker start() {
        try {
            return switch (this) {
                case HIVEMQ -> HiveMqTestBroker.start();
                case MOSQUITTO -> MosquittoProcess.start();
                case RABBITMQ -> RabbitMqProcess.start();
                case AEDES -> AedesProcess.start();
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
