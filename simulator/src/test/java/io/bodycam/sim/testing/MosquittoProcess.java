package io.bodycam.sim.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Debian's Mosquitto, started by a test on a free loopback port and stopped after it. Tests that need
 * it call {@link #findBinary()} and skip (with the reason) when it is not installed; CI installs it.
 * Mosquitto speaks MQTT 3.1.1 and 5 and can be killed and started again on the same port.
 */
public final class MosquittoProcess extends BrokerProcess {

    private static final List<String> CANDIDATES = List.of("/usr/sbin/mosquitto", "/usr/bin/mosquitto",
            "/usr/local/sbin/mosquitto", "/usr/local/bin/mosquitto");

    private final Path binary;

    private MosquittoProcess(Path binary, int port, Path dir) {
        super(port, dir);
        this.binary = binary;
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
     * replaces a killed broker passes the old {@link #port()} (Mosquitto reuses it at once).
     */
    public static MosquittoProcess start(int port) throws IOException {
        Path binary = findBinary().orElseThrow(() -> new IllegalStateException("mosquitto is not installed"));
        Path dir = Files.createTempDirectory("mosquitto-");
        dir.toFile().setWritable(true, false);
        // persistence off; max_queued_messages raised so a fast publisher's QoS 1 backlog is not dropped
        // (docs/platform.md#mosquitto: the default 1000 drops copies to a subscriber that falls behind)
        Files.writeString(dir.resolve("mosquitto.conf"), String.join("\n",
                "listener " + port + " " + HOST,
                "allow_anonymous true",
                "persistence false",
                "max_queued_messages 100000",
                "log_dest stderr",
                "log_type error",
                "log_type warning",
                ""));
        MosquittoProcess m = new MosquittoProcess(binary, port, dir);
        try {
            m.launch();
        } catch (IOException | RuntimeException e) {
            m.close();
            throw e;
        }
        return m;
    }

    @Override
    public String name() {
        return "mosquitto";
    }

    @Override
    public Map<Limit, String> limits() {
        return Map.of();
    }

    @Override
    ProcessBuilder command() {
        return new ProcessBuilder(binary.toString(), "-c", dir().resolve("mosquitto.conf").toString());
    }

    @Override
    Duration startTimeout() {
        return Duration.ofSeconds(10);
    }
}
