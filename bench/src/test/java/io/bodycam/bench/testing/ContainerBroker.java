package io.bodycam.bench.testing;

import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import io.bodycam.sim.testing.TestBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.containers.wait.strategy.WaitStrategy;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;

/**
 * A broker image run by Testcontainers as one broker of the matrix (tests tagged {@code docker}). Its
 * MQTT port is published on a fixed free loopback port, so {@link #kill()} then {@link #startAgain()}
 * (docker kill, docker start) brings the same broker back where the cameras look for it.
 */
public final class ContainerBroker implements TestBroker {

    private static final int MQTT = 1883;

    private final String name;
    private final Map<Limit, String> limits;
    private final GenericContainer<?> container;
    private final int port;

    private ContainerBroker(String name, Map<Limit, String> limits, GenericContainer<?> container, int port) {
        this.name = name;
        this.limits = limits;
        this.container = container;
        this.port = port;
    }

    /** Eclipse Mosquitto 2.0 (its image listens on localhost only unless configured: one anonymous listener here). */
    static ContainerBroker mosquitto() {
        GenericContainer<?> c = new GenericContainer<>(DockerImageName.parse("eclipse-mosquitto:2.0.20"))
                .withCopyToContainer(Transferable.of("listener 1883 0.0.0.0\nallow_anonymous true\npersistence false\n"
                        + "max_queued_messages 100000\n"), "/mosquitto/config/mosquitto.conf");
        return start("eclipse-mosquitto 2.0.20 (image)", Map.of(), c, Wait.forListeningPort());
    }

    /** HiveMQ Community Edition, the same broker the reference backend embeds, as its own image. */
    static ContainerBroker hivemq() {
        GenericContainer<?> c = new GenericContainer<>(DockerImageName.parse("hivemq/hivemq-ce:2024.9"));
        return start("hivemq-ce 2024.9 (image)", Map.of(), c, Wait.forLogMessage(".*Started HiveMQ in.*", 1));
    }

    /** EMQX 5 open source: anonymous MQTT 3.1.1 and 5 on 1883 by default. */
    static ContainerBroker emqx() {
        GenericContainer<?> c = new GenericContainer<>(DockerImageName.parse("emqx/emqx:5.8.3"));
        return start("emqx 5.8.3 (image)", Map.of(), c, Wait.forLogMessage(".*is running now!.*", 1));
    }

    private static ContainerBroker start(String name, Map<Limit, String> limits, GenericContainer<?> c, WaitStrategy ready) {
        int port = freePort();
        c.withExposedPorts(MQTT)
                .withCreateContainerCmdModifier(cmd -> cmd.getHostConfig().withPortBindings(
                        new PortBinding(Ports.Binding.bindIpAndPort("127.0.0.1", port), ExposedPort.tcp(MQTT))))
                .waitingFor(ready.withStartupTimeout(Duration.ofMinutes(3)))
                .start();
        return new ContainerBroker(name, limits, c, port);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public Map<Limit, String> limits() {
        return limits;
    }

    @Override
    public void kill() {
        container.getDockerClient().killContainerCmd(container.getContainerId()).exec();
    }

    @Override
    public void startAgain() {
        container.getDockerClient().startContainerCmd(container.getContainerId()).exec();
        await(name + " back on 127.0.0.1:" + port).atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200))
                .until(this::accepts);
    }

    @Override
    public void close() {
        container.stop();
    }

    private boolean accepts() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
