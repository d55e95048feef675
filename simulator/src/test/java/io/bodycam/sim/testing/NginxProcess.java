package io.bodycam.sim.testing;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * nginx from Debian ({@code nginx-light}, built with the WebDAV module) as a plain web server that takes
 * uploads by {@code PUT} under {@code /evidence/} into its own folder and serves them back by GET; with
 * a required bearer token, so a test sees that a camera's header template went out. nginx writes a PUT
 * body to a temporary file and moves it into place when it is whole, so a cut upload leaves nothing;
 * it answers 201 for a new file and 204 for a replaced one, and returns no digest of what it stored.
 * Tests skip with the reason when nginx is not installed ({@code apt-get install -y nginx-light}).
 */
public final class NginxProcess extends ServerProcess {

    private static final List<String> BINARIES = List.of("/usr/sbin/nginx", "/usr/local/sbin/nginx");

    private final Path binary;
    private final Tls tls;

    /**
     * nginx's TLS: its certificate and key (PEM), and for mutual TLS the CA a client's certificate must chain
     * to ({@code ssl_verify_client on}) and that CA's CRL ({@code ssl_crl}; null for none).
     */
    public record Tls(Path serverCert, Path serverKey, Path clientCa, Path clientCrl) {
    }

    private NginxProcess(Path binary, int port, Path dir, Tls tls) {
        super(port, dir);
        this.binary = binary;
        this.tls = tls;
    }

    /** Why nginx cannot run here, if it cannot. */
    public static Optional<String> unavailable() {
        return binary().isPresent() ? Optional.empty()
                : Optional.of("nginx is not installed (apt-get install -y nginx-light)");
    }

    /** Starts nginx on a free 127.0.0.1 port, taking PUTs under {@code /evidence/} that carry {@code Authorization: Bearer token}. */
    public static NginxProcess start(String token) throws IOException {
        return start(token, null);
    }

    /** As {@link #start(String)}, over HTTPS with {@code tls} ({@link #endpoint()} is then {@code https://}). */
    public static NginxProcess start(String token, Tls tls) throws IOException {
        unavailable().ifPresent(why -> {
            throw new IllegalStateException(why);
        });
        NginxProcess n = new NginxProcess(binary().orElseThrow(), freePort(), Files.createTempDirectory("nginx-"), tls);
        try {
            Files.createDirectories(n.root().resolve("evidence"));
            Files.createDirectories(n.dir().resolve("tmp"));
            Files.writeString(n.dir().resolve("nginx.conf"), String.join("\n", List.of(
                    "user root;",
                    "worker_processes 1;",
                    "error_log " + n.dir().resolve("error.log") + " warn;",
                    "pid " + n.dir().resolve("nginx.pid") + ";",
                    "events { worker_connections 256; }",
                    "http {",
                    "  access_log off;",
                    "  client_body_temp_path " + n.dir().resolve("tmp") + ";",
                    "  client_max_body_size 0;",
                    "  server {",
                    "    listen " + HOST + ":" + n.port() + (tls == null ? "" : " ssl") + ";",
                    n.tlsDirectives(),
                    "    root " + n.root() + ";",
                    "    location /evidence/ {",
                    "      if ($http_authorization != \"Bearer " + token + "\") { return 401; }",
                    "      dav_methods PUT;",
                    "      create_full_put_path on;",
                    "      dav_access user:rw;",
                    "    }",
                    "  }",
                    "}")) + "\n");
            n.launch();
        } catch (IOException | RuntimeException e) {
            n.close();
            throw e;
        }
        return n;
    }

    /** The {@code ssl_*} lines of the server block: none without TLS. */
    private String tlsDirectives() {
        if (tls == null) {
            return "";
        }
        StringBuilder b = new StringBuilder()
                .append("    ssl_certificate ").append(tls.serverCert()).append(";\n")
                .append("    ssl_certificate_key ").append(tls.serverKey()).append(";\n")
                .append("    ssl_protocols TLSv1.2 TLSv1.3;\n");
        if (tls.clientCa() != null) {
            b.append("    ssl_client_certificate ").append(tls.clientCa()).append(";\n")
                    .append("    ssl_verify_client on;\n");
        }
        if (tls.clientCrl() != null) {
            b.append("    ssl_crl ").append(tls.clientCrl()).append(";\n");
        }
        return b.toString();
    }

    public URI endpoint() {
        return URI.create((tls == null ? "http" : "https") + "://" + HOST + ":" + port());
    }

    /** What nginx wrote to its error log so far (warnings and up: a refused client certificate, for one). */
    public String errorLog() throws IOException {
        Path log = dir().resolve("error.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    /** Where the file at URL path {@code path} is stored. */
    public Path file(String path) {
        return root().resolve(path.startsWith("/") ? path.substring(1) : path);
    }

    private Path root() {
        return dir().resolve("www");
    }

    @Override
    public String name() {
        return "nginx (Debian nginx-light, WebDAV PUT" + (tls == null ? "" : tls.clientCa() == null ? ", HTTPS" : ", mutual TLS") + ")";
    }

    @Override
    ProcessBuilder command() {
        return new ProcessBuilder(binary.toString(), "-p", dir().toString(), "-c", dir().resolve("nginx.conf").toString(),
                "-g", "daemon off;");
    }

    @Override
    Duration startTimeout() {
        return Duration.ofSeconds(10);
    }

    private static Optional<Path> binary() {
        return BINARIES.stream().map(Path::of).filter(Files::isExecutable).findFirst();
    }
}
