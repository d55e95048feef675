package io.bodycam.sim.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Debian's RabbitMQ ({@code apt-get install rabbitmq-server}) with its MQTT plugin, as a private node
 * started by a test: its own node name, Erlang port mapper port, data, log and plugin files in a
 * temporary folder, every listener on a free loopback port. Nothing of the system's RabbitMQ service
 * (if any) is touched, and the node and its port mapper are stopped afterwards.
 *
 * <p>The MQTT plugin of RabbitMQ 3.10 (Debian 12) speaks MQTT 3.1 and 3.1.1 only; MQTT 5 arrived in
 * RabbitMQ 3.13. It maps topic levels to AMQP routing keys ({@code /} becomes {@code .} and back), so
 * a {@code .} inside a topic level comes out as {@code /}: the device contract uses none.
 */
public final class RabbitMqProcess extends BrokerProcess {

    private static final List<String> CANDIDATES = List.of("/usr/lib/rabbitmq/bin/rabbitmq-server",
            "/usr/local/lib/rabbitmq/bin/rabbitmq-server");
    private static final List<String> EPMD = List.of("/usr/bin/epmd", "/usr/lib/erlang/bin/epmd");

    private final Path server;
    private final int amqpPort;
    private final int distPort;
    private final int epmdPort;
    private final String node;

    private RabbitMqProcess(Path server, int port, Path dir) throws IOException {
        super(port, dir);
        this.server = server;
        this.amqpPort = freePort();
        this.distPort = freePort();
        this.epmdPort = freePort();
        this.node = "bodycam-" + port + "@localhost";
    }

    /**
     * The {@code rabbitmq-server} script that runs a node in the foreground, if RabbitMQ is installed
     * (the one in {@code /usr/sbin} switches to the {@code rabbitmq} user and the system's files).
     */
    public static Optional<Path> findServer() {
        return CANDIDATES.stream().map(Path::of).filter(Files::isExecutable).findFirst();
    }

    /** Starts a private node with the MQTT plugin on a free 127.0.0.1 port; takes 5 to 15 s. */
    public static RabbitMqProcess start() throws IOException {
        Path server = findServer().orElseThrow(() -> new IllegalStateException("rabbitmq-server is not installed"));
        Path dir = Files.createTempDirectory("rabbitmq-");
        RabbitMqProcess r = new RabbitMqProcess(server, freePort(), dir);
        Files.writeString(dir.resolve("enabled_plugins"), "[rabbitmq_mqtt].\n");
        Files.writeString(dir.resolve("rabbitmq.conf"), String.join("\n",
                "listeners.tcp.1 = " + HOST + ":" + r.amqpPort,
                "mqtt.listeners.tcp.1 = " + HOST + ":" + r.port(),
                "mqtt.allow_anonymous = true",
                "log.console = false",
                "log.file.level = warning",
                ""));
        try {
            r.launch();
        } catch (IOException | RuntimeException e) {
            r.close();
            throw e;
        }
        return r;
    }

    @Override
    public String name() {
        return "rabbitmq 3.10 (rabbitmq_mqtt)";
    }

    @Override
    public Map<Limit, String> limits() {
        return Map.of(Limit.NO_MQTT_5, "RabbitMQ 3.10's MQTT plugin speaks MQTT 3.1.1 only (MQTT 5 came in 3.13)");
    }

    @Override
    ProcessBuilder command() {
        ProcessBuilder pb = new ProcessBuilder(server.toString());
        Map<String, String> env = pb.environment();
        env.put("HOME", dir().toString());
        env.put("RABBITMQ_CONF_ENV_FILE", dir().resolve("rabbitmq-env.conf").toString());
        env.put("RABBITMQ_CONFIG_FILE", dir().resolve("rabbitmq.conf").toString());
        env.put("RABBITMQ_ENABLED_PLUGINS_FILE", dir().resolve("enabled_plugins").toString());
        env.put("RABBITMQ_NODENAME", node);
        env.put("RABBITMQ_NODE_IP_ADDRESS", HOST);
        env.put("RABBITMQ_NODE_PORT", Integer.toString(amqpPort));
        env.put("RABBITMQ_DIST_PORT", Integer.toString(distPort));
        env.put("RABBITMQ_MNESIA_BASE", dir().resolve("mnesia").toString());
        env.put("RABBITMQ_LOG_BASE", dir().resolve("log").toString());
        env.put("RABBITMQ_PLUGINS_EXPAND_DIR", dir().resolve("plugins-expand").toString());
        env.put("RABBITMQ_PID_FILE", dir().resolve("rabbitmq.pid").toString());
        env.put("ERL_EPMD_PORT", Integer.toString(epmdPort));
        env.put("ERL_EPMD_ADDRESS", HOST);
        return pb;
    }

    @Override
    Duration startTimeout() {
        return Duration.ofSeconds(60);
    }

    /** The node started its own Erlang port mapper on a private port; it outlives the node unless told to stop. */
    @Override
    void afterStop() {
        Optional<Path> epmd = EPMD.stream().map(Path::of).filter(Files::isExecutable).findFirst();
        if (epmd.isEmpty()) {
            return;
        }
        ProcessBuilder pb = new ProcessBuilder(epmd.get().toString(), "-kill").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("ERL_EPMD_PORT", Integer.toString(epmdPort));
        try {
            pb.start().waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            // no port mapper left to stop
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
