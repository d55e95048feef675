package io.bodycam.bench.testing;

import io.bodycam.sim.testing.AedesProcess;
import io.bodycam.sim.testing.MosquittoProcess;
import io.bodycam.sim.testing.RabbitMqProcess;
import io.bodycam.sim.testing.TestBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import org.testcontainers.DockerClientFactory;

/**
 * The brokers the broker contracts run against, each started on a free loopback port: those that run
 * on these machines, and the images that need a Docker engine (tests tagged {@code docker}).
 */
public enum BrokerMatrix {
    HIVEMQ,
    MOSQUITTO,
    RABBITMQ,
    AEDES,
    MOSQUITTO_IMAGE,
    HIVEMQ_IMAGE,
    EMQX_IMAGE;

    /** Why this broker cannot run here, if it cannot. */
    public Optional<String> unavailable() {
        return switch (this) {
            case HIVEMQ -> Optional.empty();
            case MOSQUITTO -> MosquittoProcess.findBinary().isPresent() ? Optional.empty()
                    : Optional.of("mosquitto is not installed (apt-get install -y mosquitto)");
            case RABBITMQ -> RabbitMqProcess.findServer().isPresent() ? Optional.empty()
                    : Optional.of("rabbitmq-server is not installed (apt-get install -y rabbitmq-server)");
            case AEDES -> AedesProcess.unavailable();
            case MOSQUITTO_IMAGE, HIVEMQ_IMAGE, EMQX_IMAGE -> DockerClientFactory.instance().isDockerAvailable()
                    ? Optional.empty() : Optional.of("no Docker engine here");
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
                case MOSQUITTO_IMAGE -> ContainerBroker.mosquitto();
                case HIVEMQ_IMAGE -> ContainerBroker.hivemq();
                case EMQX_IMAGE -> ContainerBroker.emqx();
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
