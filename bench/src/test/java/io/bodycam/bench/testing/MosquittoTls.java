package io.bodycam.bench.testing;

import io.bodycam.bench.pki.PkiLayout;
import io.bodycam.sim.testing.MosquittoProcess;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * Debian's Mosquitto as a production broker for certificates (docs/security.md): a TLS listener on a free
 * loopback port that requires a client certificate from the fleet CA and not revoked by its CRL, takes its
 * CN as the user name, and an ACL that gives each camera its own topics and the observer read access to
 * all of them.
 */
public final class MosquittoTls implements AutoCloseable {

    /** The ACL: each identity its own {@code bwc/v1/AGENCY/ID/...}; the observer reads all and sends commands. */
    public static final String ACL = String.join("\n",
            "pattern readwrite bwc/v1/+/%u/#",
            "user " + PkiLayout.OBSERVER_CN,
            "topic read bwc/v1/#",
            "topic write bwc/v1/+/+/cmd",
            "");

    private final Process process;
    private final String host;
    private final int port;
    private final Path log;

    private MosquittoTls(Process process, String host, int port, Path log) {
        this.process = process;
        this.host = host;
        this.port = port;
        this.log = log;
    }

    /** Whether the mosquitto binary is installed. */
    public static boolean installed() {
        return MosquittoProcess.findBinary().isPresent();
    }

    /** Starts it on 127.0.0.1 with the layout's CA and server certificate; its files go under {@code dir}. */
    public static MosquittoTls start(PkiLayout pki, Path dir) throws IOException {
        return start(pki, dir, "127.0.0.1");
    }

    /** As above, listening on {@code host} (a loopback address: 127.0.0.2 is one the server certificate does not name). */
    public static MosquittoTls start(PkiLayout pki, Path dir, String host) throws IOException {
        Path binary = MosquittoProcess.findBinary().orElseThrow(() -> new IllegalStateException("mosquitto is not installed"));
        Files.createDirectories(dir);
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path acl = dir.resolve("acl");
        Files.writeString(acl, ACL);
        Path log = dir.resolve("mosquitto.log");
        Path conf = dir.resolve("mosquitto.conf");
        Files.writeString(conf, String.join("\n",
                "user root",
                "persistence false",
                "max_queued_messages 100000",
                "log_dest file " + log,
                "log_type all",
                "listener " + port + " " + host,
                "cafile " + pki.caCert(),
                Files.isRegularFile(pki.crl()) ? "crlfile " + pki.crl() : "",
                "certfile " + pki.serverCert(),
                "keyfile " + pki.serverKey(),
                "require_certificate true",
                "use_identity_as_username true",
                "allow_anonymous false",
                "acl_file " + acl,
                ""));
        Path out = dir.resolve("mosquitto.out");
        Process p = new ProcessBuilder(binary.toString(), "-c", conf.toString())
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        MosquittoTls m = new MosquittoTls(p, host, port, log);
        try {
            await("mosquitto listens on " + port).atMost(Duration.ofSeconds(10)).until(() -> {
                if (!p.isAlive()) {
                    throw new IllegalStateException("mosquitto exited: " + Files.readString(out));
                }
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress(host, port), 200);
                    return true;
                } catch (IOException e) {
                    return false;
                }
            });
        } catch (RuntimeException e) {
            m.close();
            throw e;
        }
        return m;
    }

    public URI url() {
        return URI.create("mqtts://" + host + ":" + port);
    }

    /** Mosquitto's log so far (it logs refused handshakes with the reason). */
    public String log() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
