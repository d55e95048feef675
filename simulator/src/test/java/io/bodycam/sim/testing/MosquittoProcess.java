package io.bodycam.sim.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Debian's Mosquitto, started by a test on a free loopback port and stopped after it. Tests that need
 * it call {@link #findBinary()} and skip (with the reason) when it is not installed; CI installs it.
 */
public final class MosquittoProcess implements AutoCloseable {

    private static final List<String> CANDIDATES = List.of("/usr/sbin/mosquitto", "/usr/bin/mosquitto",
            "/usr/local/sbin/mosquitto", "/usr/local/bin/mosquitto");

    private final Process process;
    private final int port;
    private final Path dir;

    private MosquittoProcess(Process process, int port, Path dir) {
        this.process = process;
        this.port = port;
        this.dir = dir;
    }

    /** The mosquitto binary, if installed. */
    public static Optional<Path> findBinary() {
        return CANDIDATES.stream().map(Path::of).filter(Files::isExecutable).findFirst();
    }

    /** Starts Mosquitto on a free 127.0.0.1 port and waits until it accepts connections. */
    public static MosquittoProcess start() throws IOException {
        return start(freePort());
    }

    /**
     * Starts Mosquitto on 127.0.0.1:{@code port} and waits until it accepts connections; a test that
     * restarts the broker after {@link #kill()} passes the old {@link #port()} (Mosquitto reuses it at once).
     */
    public static MosquittoProcess start(int port) throws IOException {
        Path binary = findBinary().orElseThrow(() -> new IllegalStateException("mosquitto is not installed"));
        Path dir = Files.createTempDirectory("mosquitto-");
        dir.toFile().setWritable(true, false);
        Path conf = dir.resolve("mosquitto.conf");
        // persistence off; max_queued_messages raised so a fast publisher's QoS 1 backlog is not dropped
        // (FACTS.md: the default 1000 drops copies to a subscriber that falls behind)
        Files.writeString(conf, String.join("\n",
                "listener " + port + " 127.0.0.1",
                "allow_anonymous true",
                "persistence false",
                "max_queued_messages 100000",
                "log_dest stderr",
                "log_type error",
                "log_type warning",
                ""));
        Process p = new ProcessBuilder(binary.toString(), "-c", conf.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("mosquitto.log").toFile())
                .start();
        MosquittoProcess m = new MosquittoProcess(p, port, dir);
        try {
            await("mosquitto listening on 127.0.0.1:" + port).atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> !p.isAlive() || accepts(port));
            if (!p.isAlive()) {
                throw new IOException("mosquitto exited at start: " + Files.readString(dir.resolve("mosquitto.log")));
            }
        } catch (RuntimeException | IOException e) {
            m.close();
            throw e;
        }
        return m;
    }

    public int port() {
        return port;
    }

    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    /** Kills the broker at once (as a crash would), leaving the object usable for {@link #close}. */
    public void kill() {
        process.destroyForcibly();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
