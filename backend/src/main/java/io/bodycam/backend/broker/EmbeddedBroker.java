package io.bodycam.backend.broker;

import io.bodycam.backend.tls.ClientCertificatePolicy;
import io.bodycam.backend.tls.ServerTls;
import com.hivemq.embedded.EmbeddedExtension;
import com.hivemq.embedded.EmbeddedHiveMQ;
import com.hivemq.embedded.EmbeddedHiveMQBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reference backend's MQTT broker: HiveMQ Community Edition running in this JVM, bound to
 * 127.0.0.1 only, speaking MQTT 3.1.1 and 5 (chosen over Moquette for MQTT 5:
 * docs/platform.md#embedded-broker).
 *
 * <p>Every start writes its own {@code config.xml} into a temporary folder (loopback listener, no
 * usage statistics, deep client queues), so nothing reaches the network and nothing survives
 * {@link #close()}. By default it keeps its state in memory: {@link #restart()} keeps the port and
 * loses every session and retained message, as a broker crash without persistence would. A
 * {@link Builder#persistent(boolean) persistent} broker keeps sessions, queued and retained messages
 * on disk across a stop and start (a clean restart), unless {@link #forgetState()} wipes them.
 *
 * <pre>{@code
 * try (EmbeddedBroker broker = EmbeddedBroker.builder().build()) {
 *     broker.start();
 *     connectCamerasTo(broker.url());
 * }
 * }</pre>
 */
public final class EmbeddedBroker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedBroker.class);
    private static final String HOST = "127.0.0.1";
    private static final int FREE_PORT_ATTEMPTS = 3;

    private final int requestedPort;
    private final String bindAddress;
    private final long maxQueuedMessages;
    private final boolean persistent;
    private final Path root;
    private final Path configFolder;
    private final Path dataFolder;
    private final Path extensionsFolder;
    private final ServerTls tls;
    private final Set<String> ownTopicsOnly;
    private EmbeddedHiveMQ hivemq;
    private int port;
    private boolean closed;

    private EmbeddedBroker(Builder b) {
        this.requestedPort = b.port;
        this.bindAddress = b.bindAddress;
        this.maxQueuedMessages = b.maxQueuedMessages;
        this.persistent = b.persistent;
        this.tls = b.tls;
        this.ownTopicsOnly = b.privileged;
        try {
            this.root = Files.createTempDirectory("bodycam-hivemq-");
            this.configFolder = Files.createDirectory(root.resolve("conf"));
            this.dataFolder = Files.createDirectory(root.resolve("data"));
            this.extensionsFolder = Files.createDirectory(root.resolve("extensions"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the broker's temporary folders", e);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts the broker and returns once it accepts connections on 127.0.0.1. The first start picks
     * a free port unless one was configured; later starts reuse it.
     *
     * @throws BrokerStartException if HiveMQ fails to start or does not accept connections
     */
    public synchronized void start() {
        if (closed) {
            throw new IllegalStateException("the broker was closed");
        }
        if (hivemq != null) {
            return;
        }
        boolean choosePort = port == 0 && requestedPort == 0;
        int attempts = choosePort ? FREE_PORT_ATTEMPTS : 1;
        for (int attempt = 1; ; attempt++) {
            int candidate = port != 0 ? port : requestedPort != 0 ? requestedPort : freeLoopbackPort();
            try {
                startOn(candidate);
                port = candidate;
                return;
            } catch (BrokerStartException e) {
                if (attempt >= attempts) {
                    throw e;
                }
                log.warn("HiveMQ could not start on {}:{} ({}); trying another port", HOST, candidate, e.getMessage());
            }
        }
    }

    /** Stops the broker; every connection drops at once. Safe to call when already stopped. */
    public synchronized void stop() {
        if (hivemq == null) {
            return;
        }
        long t0 = System.nanoTime();
        try {
            hivemq.close();
        } catch (ExecutionException e) {
            throw new BrokerStartException("HiveMQ failed to stop on " + HOST + ":" + port, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerStartException("interrupted while stopping HiveMQ on " + HOST + ":" + port, e);
        } finally {
            hivemq = null;
        }
        log.info("HiveMQ stopped on {}:{} in {} ms", HOST, port, millisSince(t0));
    }

    /**
     * Forgets every session, queued and retained message a persistent broker kept on disk, as a broker
     * that lost its disk would; call it while the broker is stopped.
     *
     * @throws IllegalStateException while the broker runs
     */
    public synchronized void forgetState() {
        if (hivemq != null) {
            throw new IllegalStateException("stop the broker before it forgets its state");
        }
        try (Stream<Path> entries = Files.list(dataFolder)) {
            entries.forEach(EmbeddedBroker::deleteTree);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot empty the broker's data folder " + dataFolder, e);
        }
    }

    /** True if sessions, queued and retained messages survive a stop and start. */
    public boolean persistent() {
        return persistent;
    }

    /**
     * Stops then starts on the same port: clients see their connections drop; an in-memory broker comes
     * back without their sessions, a persistent one with them.
     */
    public synchronized void restart() {
        if (port == 0) {
            throw new IllegalStateException("the broker was never started");
        }
        stop();
        start();
    }

    /** The listening port; 0 before the first start. */
    public synchronized int port() {
        return port;
    }

    /**
     * The broker's address for Paho and the cameras: {@code tcp://127.0.0.1:PORT}, or with TLS
     * {@code ssl://127.0.0.1:PORT} (Paho's name for what scenarios write {@code mqtts://}).
     */
    public String url() {
        return (tls == null ? "tcp://" : "ssl://") + HOST + ":" + port();
    }

    /** The listener's TLS settings, or {@code null} for plain MQTT. */
    public ServerTls tls() {
        return tls;
    }

    public synchronized boolean isRunning() {
        return hivemq != null;
    }

    /** The {@code config.xml} the broker runs with (empty before the first start). */
    public String configXml() {
        try {
            Path file = configFolder.resolve("config.xml");
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The temporary folder holding HiveMQ's config, data and extensions folders. */
    Path folder() {
        return root;
    }

    /** Stops the broker and deletes its temporary folders. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        try {
            stop();
        } finally {
            closed = true;
            deleteTree(root);
        }
    }

    private void startOn(int candidate) {
        long t0 = System.nanoTime();
        BrokerStores stores = tls == null ? null : BrokerStores.write(tls, configFolder, UUID.randomUUID().toString());
        try {
            Files.writeString(configFolder.resolve("config.xml"),
                    HiveMqConfigXml.render(bindAddress, candidate, maxQueuedMessages, persistent, stores), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BrokerStartException("cannot write HiveMQ's config.xml into " + configFolder, e);
        }
        EmbeddedHiveMQBuilder builder = EmbeddedHiveMQ.builder()
                .withConfigurationFolder(configFolder)
                .withDataFolder(dataFolder)
                .withExtensionsFolder(extensionsFolder);
        ClientCertificatePolicy certificates;
        try {
            certificates = tls != null && tls.mutual() ? ClientCertificatePolicy.of(tls, Clock.systemUTC()) : null;
        } catch (IllegalArgumentException e) {
            throw new BrokerStartException(e.getMessage(), e);
        }
        if (ownTopicsOnly != null || certificates != null) {
            builder.withEmbeddedExtension(EmbeddedExtension.builder()
                    .withId("bodycam-device-topics").withName("bodycam device topics").withVersion("1")
                    .withPriority(1000).withStartPriority(1000)
                    .withExtensionMain(new DeviceTopicsExtension(ownTopicsOnly, certificates)).build());
        }
        EmbeddedHiveMQ instance = builder.build();
        try {
            instance.start().join();
            if (!accepts(candidate)) {
                throw new BrokerStartException("HiveMQ started but does not accept connections on " + HOST + ":" + candidate);
            }
        } catch (CompletionException | BrokerStartException e) {
            closeQuietly(instance);
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            throw cause instanceof BrokerStartException bse ? bse
                    : new BrokerStartException("HiveMQ failed to start on " + HOST + ":" + candidate + ": " + cause, cause);
        }
        hivemq = instance;
        log.info("HiveMQ started on {}:{} in {} ms", HOST, candidate, millisSince(t0));
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(HOST, port), (int) Duration.ofSeconds(2).toMillis());
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freeLoopbackPort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new BrokerStartException("no free port on " + HOST, e);
        }
    }

    private static void closeQuietly(EmbeddedHiveMQ instance) {
        try {
            instance.close();
        } catch (ExecutionException e) {
            log.debug("HiveMQ failed to close after a failed start", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            log.warn("could not delete the broker's temporary folder {}: {}", dir, e.toString());
        }
    }

    private static long millisSince(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    /** Settings for an {@link EmbeddedBroker}; each setter checks its value. */
    public static final class Builder {
        private int port;
        private String bindAddress = HOST;
        private long maxQueuedMessages = 100_000;
        private boolean persistent;
        private ServerTls tls;
        private Set<String> privileged;

        private Builder() {
        }

        /**
         * Serve MQTT over TLS instead of plain TCP; plain by default. Mutual when {@link ServerTls#clientCa()}
         * is set: the handshake refuses a certificate from another CA, and CONNECT one that is expired or that
         * {@link ServerTls#clientCrl()} revokes (CONNACK not authorized).
         */
        public Builder tls(ServerTls tls) {
            this.tls = tls;
            return this;
        }

        /**
         * Let each client publish and subscribe only under its own device's topics, {@code bwc/v1/+/ID/#},
         * ID being its certificate's CN or else its username; clients without one are refused. The
         * {@code privileged} identities (the bench observer) may use every topic. Off by default.
         */
        public Builder ownTopicsOnly(Set<String> privileged) {
            this.privileged = Set.copyOf(privileged);
            return this;
        }

        /**
         * Keep sessions, queued and retained messages on disk (HiveMQ's {@code file} persistence, in the
         * broker's temporary folder) so they survive a stop and start; off by default (in memory, faster).
         */
        public Builder persistent(boolean persistent) {
            this.persistent = persistent;
            return this;
        }

        /**
         * Where the listener binds: {@code 127.0.0.1} (the default) or {@code 0.0.0.0}, every interface,
         * for the standalone backend in a container; clients here still connect through 127.0.0.1.
         */
        public Builder bindAddress(String address) {
            if (!HOST.equals(address) && !"0.0.0.0".equals(address)) {
                throw new IllegalArgumentException("bind address must be 127.0.0.1 or 0.0.0.0, was " + address);
            }
            this.bindAddress = address;
            return this;
        }

        /** A fixed port on 127.0.0.1, or 0 (the default) for a free one. */
        public Builder port(int port) {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("port must be 0..65535 (0 = a free port), was " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * How many messages HiveMQ queues per client (offline or behind) before it discards new ones
         * (HiveMQ's {@code max-queue-size}, default 1000 there; 100,000 here so an observer that
         * falls behind a 20,000-camera fleet for a moment loses nothing).
         */
        public Builder maxQueuedMessages(long maxQueuedMessages) {
            if (maxQueuedMessages < 1) {
                throw new IllegalArgumentException("max queued messages must be >= 1, was " + maxQueuedMessages);
            }
            this.maxQueuedMessages = maxQueuedMessages;
            return this;
        }

        public EmbeddedBroker build() {
            return new EmbeddedBroker(this);
        }
    }
}
