package io.bodycam.sim.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * aedes, an MQTT broker written for Node.js (a non-Java implementation), run by a tiny script
 * ({@code aedes-broker.mjs} beside this class) on a free loopback port. The package is installed with npm on first use into {@code target/aedes} of the
 * module under test (or the folder in the system property {@code bodycam.aedes.dir}); tests skip with
 * the reason when node or npm is missing or the install fails.
 *
 * <p>aedes keeps sessions, QoS 1 messages, retained messages and Wills in memory, so a restart loses
 * them, as the embedded HiveMQ does. It speaks MQTT 3.1 and 3.1.1; its README lists MQTT 5 as not
 * supported yet.
 */
public final class AedesProcess extends BrokerProcess {

    /** The aedes release the matrix is tested with. */
    public static final String VERSION = "1.2.0";

    /** The broker script, beside this class in the test jar; {@code benchmarks/brokers.sh} runs it too. */
    private static final String SCRIPT = "aedes-broker.mjs";
    private static Optional<String> unavailable;

    private final Path node;
    private final Path home;

    private AedesProcess(Path node, Path home, int port, Path dir) {
        super(port, dir);
        this.node = node;
        this.home = home;
    }

    /**
     * Why aedes cannot run here, if it cannot: node or npm missing, or the npm install failed. Installs
     * aedes {@value #VERSION} on the first call when it is not there yet (a few seconds).
     */
    public static synchronized Optional<String> unavailable() {
        if (unavailable == null) {
            unavailable = install();
        }
        return unavailable;
    }

    /** Starts aedes on a free 127.0.0.1 port; call {@link #unavailable()} first. */
    public static AedesProcess start() throws IOException {
        unavailable().ifPresent(why -> {
            throw new IllegalStateException(why);
        });
        Path node = NodePackages.node().orElseThrow();
        AedesProcess a = new AedesProcess(node, home(), freePort(), Files.createTempDirectory("aedes-"));
        try {
            a.launch();
        } catch (IOException | RuntimeException e) {
            a.close();
            throw e;
        }
        return a;
    }

    @Override
    public String name() {
        return "aedes " + VERSION + " (Node.js)";
    }

    @Override
    public Map<Limit, String> limits() {
        return Map.of(Limit.NO_MQTT_5, "aedes " + VERSION + " speaks MQTT 3.1.1 only (its README: MQTT 5.0 not supported yet)");
    }

    @Override
    ProcessBuilder command() {
        return new ProcessBuilder(node.toString(), home.resolve("broker.mjs").toString(), Integer.toString(port()))
                .directory(home.toFile());
    }

    @Override
    Duration startTimeout() {
        return Duration.ofSeconds(15);
    }

    private static Path home() {
        String configured = System.getProperty("bodycam.aedes.dir");
        return (configured != null ? Path.of(configured) : Path.of("target", "aedes")).toAbsolutePath();
    }

    private static Optional<String> install() {
        return NodePackages.install(home(), Map.of("aedes", VERSION), AedesProcess.class, SCRIPT, "broker.mjs");
    }
}
