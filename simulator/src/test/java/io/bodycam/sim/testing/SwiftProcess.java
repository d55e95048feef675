package io.bodycam.sim.testing;

import static org.awaitility.Awaitility.await;

import io.bodycam.sim.upload.Credentials;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * OpenStack Swift from Debian ({@code swift-proxy}, {@code swift-account}, {@code swift-container},
 * {@code swift-object}, with {@code memcached} for its tokens) as one single-node, one-replica store on
 * loopback, in its own folder: rings built at start, the account, container and object servers and
 * the proxy with TempAuth ({@code GET /auth/v1.0} with {@code X-Auth-User: ACCOUNT:USER} and
 * {@code X-Auth-Key}), every user an admin of account {@value #ACCOUNT}. The repository's
 * {@code examples/swift/start-swift.sh} writes the configuration, runs the five processes and stops them
 * together. Tests skip with the reason when a piece is not installed
 * ({@code apt-get install -y swift-proxy swift-account swift-container swift-object memcached}).
 *
 * <p>What it answers, as measured with 2.30.1: a PUT object returns {@code 201} and an {@code Etag} that
 * is the MD5 of the body; a PUT to a container that does not exist is {@code 404}; a GET of
 * {@code System/Capabilities.json} that nobody stored is {@code 404}.
 */
public final class SwiftProcess extends ServerProcess {

    /** The account every user of the store belongs to ({@code AUTH_bodycam} in storage URLs). */
    public static final String ACCOUNT = "bodycam";
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    /** The repository's recipe, which docs/backends.md tells users to run: tests start the store with it. */
    private static final Path SCRIPT = Path.of("..", "examples", "swift", "start-swift.sh");
    private static final List<String> NEEDED = List.of("/usr/bin/swift-proxy-server", "/usr/bin/swift-account-server",
            "/usr/bin/swift-container-server", "/usr/bin/swift-object-server", "/usr/bin/swift-ring-builder",
            "/usr/bin/memcached");

    private final Map<String, String> users;
    private final int basePort;

    private SwiftProcess(int port, Path dir, Map<String, String> users, int basePort) {
        super(port, dir);
        this.users = users;
        this.basePort = basePort;
    }

    /** Why Swift cannot run here, if it cannot. */
    public static Optional<String> unavailable() {
        if (!Files.isRegularFile(SCRIPT)) {
            return Optional.of("no " + SCRIPT.toAbsolutePath().normalize() + " (run from a module folder of the repository)");
        }
        List<String> missing = NEEDED.stream().filter(b -> !Files.isExecutable(Path.of(b))).toList();
        if (!Files.isExecutable(PYTHON)) {
            return Optional.of("no " + PYTHON + " to run Swift with");
        }
        return missing.isEmpty() ? Optional.empty() : Optional.of("OpenStack Swift is not installed (missing "
                + String.join(", ", missing) + "; apt-get install -y swift-proxy swift-account swift-container "
                + "swift-object memcached)");
    }

    /**
     * Starts the store on free 127.0.0.1 ports, with one TempAuth user per entry of {@code users} (user name
     * to key, no {@code _} or {@code :} in either), and waits until the first user can authenticate and
     * read the account.
     */
    public static SwiftProcess start(Map<String, String> users) throws IOException {
        unavailable().ifPresent(why -> {
            throw new IllegalStateException(why);
        });
        if (users.isEmpty()) {
            throw new IllegalArgumentException("a Swift store needs at least one user");
        }
        users.forEach((u, k) -> {
            if (!u.matches("[A-Za-z0-9.-]+") || k.contains(" ") || k.isEmpty()) {
                throw new IllegalArgumentException("TempAuth user '" + u + "' (letters, digits, '.', '-') or its key");
            }
        });
        SwiftProcess s = new SwiftProcess(freePort(), Files.createTempDirectory("swift-"), new LinkedHashMap<>(users), freeRun());
        try {
            s.launch();
            s.awaitReady();
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
        return s;
    }

    /** The proxy, the one endpoint clients talk to ({@code /auth/v1.0}, {@code /v1/AUTH_bodycam}, {@code /info}). */
    public URI endpoint() {
        return URI.create("http://" + HOST + ":" + port());
    }

    /** The TempAuth login of {@code user}: {@code X-Auth-User} is {@code bodycam:USER}. */
    public Credentials credentials(String user) {
        String key = users.get(user);
        if (key == null) {
            throw new IllegalArgumentException("no user " + user + " in this store");
        }
        return new Credentials(ACCOUNT + ":" + user, key);
    }

    /** The container names in the account. */
    public List<String> containers() {
        return listing("");
    }

    /** The object names in {@code container}. */
    public List<String> objects(String container) {
        return listing("/" + container);
    }

    /** The bytes of one stored object. */
    public byte[] object(String container, String object) {
        try {
            HttpResponse<byte[]> r = client().send(authorized(storageUrl() + "/" + container + "/" + object).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200) {
                throw new IOException("GET " + container + "/" + object + " answered " + r.statusCode());
            }
            return r.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Stores {@code bytes} as {@code container/object} behind the cameras' back (the container made if missing). */
    public void store(String container, String object, byte[] bytes) {
        try {
            for (String path : List.of("/" + container, "/" + container + "/" + object)) {
                HttpRequest.BodyPublisher body = path.endsWith(object) ? HttpRequest.BodyPublishers.ofByteArray(bytes)
                        : HttpRequest.BodyPublishers.noBody();
                HttpResponse<Void> r = client().send(authorized(storageUrl() + path).PUT(body).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() / 100 != 2) {
                    throw new IOException("PUT " + path + " answered " + r.statusCode());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String name() {
        return "OpenStack Swift 2.30 (Debian, single node, TempAuth)";
    }

    @Override
    ProcessBuilder command() {
        List<String> command = new ArrayList<>(List.of("/bin/sh", SCRIPT.toAbsolutePath().toString(),
                dir().resolve("store").toString(), Integer.toString(port()), Integer.toString(basePort)));
        users.forEach((user, key) -> command.add(user + "=" + key));
        return new ProcessBuilder(command);
    }

    @Override
    Duration startTimeout() {
        return Duration.ofSeconds(60);
    }

    private String storageUrl() {
        return endpoint() + "/v1/AUTH_" + ACCOUNT;
    }

    private List<String> listing(String path) {
        try {
            HttpResponse<String> r = client().send(authorized(storageUrl() + path).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 204 || r.statusCode() == 404) {
                return List.of();
            }
            if (r.statusCode() != 200) {
                throw new IOException("listing " + (path.isEmpty() ? "the account" : path) + " answered " + r.statusCode());
            }
            return Arrays.stream(r.body().split("\n")).filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A request carrying a fresh token of the first user. */
    private HttpRequest.Builder authorized(String url) throws IOException, InterruptedException {
        Map.Entry<String, String> first = users.entrySet().iterator().next();
        HttpResponse<Void> auth = client().send(HttpRequest.newBuilder(URI.create(endpoint() + "/auth/v1.0"))
                .header("X-Auth-User", ACCOUNT + ":" + first.getKey()).header("X-Auth-Key", first.getValue()).build(),
                HttpResponse.BodyHandlers.discarding());
        String token = auth.headers().firstValue("X-Auth-Token")
                .orElseThrow(() -> new IOException("Swift auth answered " + auth.statusCode() + " without a token"));
        return HttpRequest.newBuilder(URI.create(url)).header("X-Auth-Token", token).timeout(Duration.ofSeconds(10));
    }

    private static HttpClient client() {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    /**
     * The proxy answers before its storage servers do, and an account read goes through before the
     * container server listens (CI saw a first container PUT answered 503): wait until all four storage
     * ports accept connections and a probe container can be made and removed again.
     */
    private void awaitReady() {
        await(name() + " serving containers").atMost(startTimeout()).pollInterval(Duration.ofMillis(200))
                .ignoreExceptions().until(() -> IntStream.rangeClosed(basePort, basePort + 3).allMatch(ServerProcess::accepts)
                        && answers2xx("PUT", "/bodycam-ready-probe") && answers2xx("DELETE", "/bodycam-ready-probe"));
    }

    private boolean answers2xx(String method, String path) throws IOException, InterruptedException {
        HttpResponse<Void> r = client().send(authorized(storageUrl() + path).method(method,
                HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        return r.statusCode() / 100 == 2;
    }

    /** Four free ports in a row (account, container and object servers, memcached), or fails after some tries. */
    private static int freeRun() throws IOException {
        for (int tries = 0; tries < 50; tries++) {
            int base = freePort();
            if (base + 3 < 65536 && IntStream.rangeClosed(base + 1, base + 3).allMatch(SwiftProcess::bindable)) {
                return base;
            }
        }
        throw new IOException("found no four free ports in a row on " + HOST);
    }

    @SuppressWarnings("try") // binding is the test; the socket is closed again at once
    private static boolean bindable(int port) {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getByName(HOST))) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
