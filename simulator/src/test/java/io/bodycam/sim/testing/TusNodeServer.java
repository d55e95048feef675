package io.bodycam.sim.testing;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The tus reference server for Node.js, {@code @tus/server} with {@code @tus/file-store} (servers
 * nobody here wrote), run by a tiny script ({@code tus-server.mjs} beside this class) on a free
 * loopback port, storing uploads in its own folder: each upload is a file named after its id, with a
 * {@code .json} beside it. Installed with npm on first use into {@code target/tus-server} of the module
 * under test (or the folder in the system property {@code bodycam.tus.dir}); tests skip with the reason
 * when node or npm is missing or the install fails.
 *
 * <p>What it answers, as measured: OPTIONS announces {@code creation,creation-with-upload,
 * creation-defer-length,termination,expiration} and no checksum extension (an {@code Upload-Checksum}
 * is ignored, even a wrong one); {@code Location} is absolute; a finished upload is served back by GET
 * on its URL, an unfinished one answers 404.
 */
public final class TusNodeServer extends ServerProcess {

    /** The {@code @tus/server} release tested. */
    public static final String VERSION = "2.4.5";
    /** The {@code @tus/file-store} release tested. */
    public static final String FILE_STORE_VERSION = "2.1.1";

    private static final String SCRIPT = "tus-server.mjs";
    private static Optional<String> unavailable;

    private final Path node;
    private final Path home;

    private TusNodeServer(Path node, Path home, int port, Path dir) {
        super(port, dir);
        this.node = node;
        this.home = home;
    }

    /** Why the server cannot run here, if it cannot; installs it on the first call (a few seconds). */
    public static synchronized Optional<String> unavailable() {
        if (unavailable == null) {
            unavailable = NodePackages.install(home(), Map.of("@tus/server", VERSION, "@tus/file-store",
                    FILE_STORE_VERSION), TusNodeServer.class, SCRIPT, SCRIPT);
        }
        return unavailable;
    }

    /** Starts the server on a free 127.0.0.1 port; call {@link #unavailable()} first. */
    public static TusNodeServer start() throws IOException {
        unavailable().ifPresent(why -> {
            throw new IllegalStateException(why);
        });
        TusNodeServer s = new TusNodeServer(NodePackages.node().orElseThrow(), home(), freePort(),
                Files.createTempDirectory("tus-server-"));
        try {
            Files.createDirectories(s.store());
            s.launch();
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
        return s;
    }

    /** {@code http://127.0.0.1:PORT}: a tus client's endpoint (uploads are created at {@code /files/}). */
    public URI endpoint() {
        return URI.create("http://" + HOST + ":" + port());
    }

    /** Where the uploads are stored, one file per upload id. */
    public Path store() {
        return dir().resolve("files");
    }

    @Override
    public String name() {
        return "@tus/server " + VERSION + " with @tus/file-store " + FILE_STORE_VERSION + " (Node.js)";
    }

    @Override
    ProcessBuilder command() {
        return new ProcessBuilder(node.toString(), home.resolve(SCRIPT).toString(), Integer.toString(port()),
                store().toString()).directory(home.toFile());
    }

    @Override
    Duration startTimeout() {
        return Duration.ofSeconds(15);
    }

    private static Path home() {
        String configured = System.getProperty("bodycam.tus.dir");
        return (configured != null ? Path.of(configured) : Path.of("target", "tus-server")).toAbsolutePath();
    }
}
