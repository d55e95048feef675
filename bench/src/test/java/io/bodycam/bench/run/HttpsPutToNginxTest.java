package io.bodycam.bench.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bodycam.bench.fleet.Shard;
import io.bodycam.bench.pki.ClientTls;
import io.bodycam.bench.pki.FleetPki;
import io.bodycam.bench.pki.PkiLayout;
import io.bodycam.bench.scenario.BackendTls;
import io.bodycam.bench.scenario.Scenario;
import io.bodycam.bench.scenario.ScenarioLoader;
import io.bodycam.bench.scenario.yaml.Substitutions;
import io.bodycam.sim.net.Transport;
import io.bodycam.sim.recording.SegmentManifest;
import io.bodycam.bench.ledger.store.PutStoreReader;
import io.bodycam.sim.testing.MosquittoProcess;
import io.bodycam.sim.testing.NginxProcess;
import io.bodycam.sim.time.TimerLagListener;
import io.bodycam.sim.time.WallClock;
import io.bodycam.sim.upload.ConnectionSettings;
import io.bodycam.sim.upload.InMemoryByteSource;
import io.bodycam.sim.upload.UploadException;
import io.bodycam.sim.upload.UploadPacer;
import io.bodycam.sim.upload.put.PutClient;
import io.bodycam.sim.upload.put.PutClientConfig;
import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code https://} uploads against software nobody here wrote: Debian's nginx with {@code ssl_certificate}
 * from a fleet pki and {@code ssl_verify_client on} against the fleet CA (and its CRL), taking WebDAV PUTs.
 * scenarios/https-nginx.yaml, as docs/security.md runs it: four cameras with the {@code put} profile upload
 * over mutual TLS and prove every segment by reading it back, and the bench reads each back too (with the
 * observer's certificate);
 * a camera that does not trust nginx's certificate fails its upload with the TLS error, and one without a
 * certificate of its own is refused by nginx.
 */
class HttpsPutToNginxTest {

    private static final String TOKEN = "bodycam-test";
    private static final List<String> CAMERAS = IntStream.rangeClosed(1, 4).mapToObj(i -> String.format("HTS-%02d", i)).toList();

    @Test
    void cameras_with_the_put_profile_upload_over_mutual_tls_to_nginx_and_prove_every_segment(@TempDir Path dir) throws Exception {
        assumeTrue(MosquittoProcess.findBinary().isPresent(), "skipped: no /usr/sbin/mosquitto (apt-get install -y mosquitto)");
        assumeTrue(NginxProcess.unavailable().isEmpty(), () -> "skipped: " + NginxProcess.unavailable().orElse(""));
        PkiLayout pki = pki(dir.resolve("pki"));
        try (MosquittoProcess mosquitto = MosquittoProcess.start();
             NginxProcess nginx = NginxProcess.start(TOKEN, mutual(pki))) {
            Path file = Path.of("..").toAbsolutePath().normalize().resolve("scenarios/https-nginx.yaml");
            Map<String, String> env = Map.of("BODYCAM_PKI", pki.dir().toString(), "BODYCAM_MQTT", mosquitto.url(),
                    "BODYCAM_UPLOAD", nginx.endpoint().toString());
            Scenario scenario = ScenarioLoader.load(file, new Substitutions(env::get, Map.of()));
            StringWriter console = new StringWriter();
            ScenarioRunner.Result result = ScenarioRunner.run(scenario, new ScenarioRunner.Options(dir.resolve("run"), dir,
                    Files.readString(file), new PrintWriter(console, true), false, 2, null, Shard.WHOLE));

            JsonNode evidence = new ObjectMapper().readTree(dir.resolve("run").resolve("summary.json").toFile()).path("evidence");
            String figures = "evidence: " + evidence + "\nconsole:\n" + console + "\nnginx: " + nginx.errorLog();
            assertEquals(ScenarioRunner.PASSED, result.exitCode(), result.message() + "\n" + figures);
            long recorded = evidence.path("segmentsRecorded").asLong();
            assertTrue(recorded >= 3, figures);
            assertEquals(recorded, evidence.path("verified").asLong(), figures);
            assertEquals(0, evidence.path("lost").asLong(-1), figures);
            assertEquals(PutStoreReader.METHOD, evidence.path("method").asText(), "the bench read nginx back over mutual TLS: " + figures);
            assertEquals(recorded, files(nginx.file("/evidence")), figures);
            try (Stream<Path> stored = Files.list(nginx.file("/evidence/tls"))) {
                assertTrue(stored.allMatch(d -> CAMERAS.contains(d.getFileName().toString())), figures);
            }
        }
    }

    @Test
    void a_camera_that_does_not_trust_the_server_certificate_fails_with_the_tls_error(@TempDir Path dir) throws Exception {
        assumeTrue(NginxProcess.unavailable().isEmpty(), () -> "skipped: " + NginxProcess.unavailable().orElse(""));
        PkiLayout pki = pki(dir.resolve("pki"));
        PkiLayout stranger = pki(dir.resolve("stranger"));
        try (NginxProcess nginx = NginxProcess.start(TOKEN, mutual(pki))) {
            // the camera's own certificate is good, but it trusts another fleet's CA, not the one that signed nginx's
            UploadException e = upload(nginx, new BackendTls(stranger.caCert(), pki.dir(), true, BackendTls.Provider.JDK), dir);

            assertEquals(UploadException.Kind.CONNECT_FAILED, e.kind(), e.toString());
            assertTrue(e.getMessage().contains("TLS handshake with 127.0.0.1:" + nginx.port() + " failed"), e.getMessage());
            assertTrue(e.getMessage().contains("SSLHandshakeException: PKIX path"), e.getMessage());
            assertEquals(0, files(nginx.file("/evidence")));
        }
    }

    @Test
    void a_camera_without_a_certificate_of_its_own_is_refused_by_nginx(@TempDir Path dir) throws Exception {
        assumeTrue(NginxProcess.unavailable().isEmpty(), () -> "skipped: " + NginxProcess.unavailable().orElse(""));
        PkiLayout pki = pki(dir.resolve("pki"));
        try (NginxProcess nginx = NginxProcess.start(TOKEN, mutual(pki))) {
            UploadException e = upload(nginx, new BackendTls(pki.caCert(), null, true, BackendTls.Provider.JDK), dir);

            // nginx finishes the handshake and answers "400 No required SSL certificate was sent"
            assertEquals(400, e.status().orElse(0), e.toString());
            assertEquals(0, files(nginx.file("/evidence")));
        }
    }

    /** One PUT of a small segment with {@code tls}; the failure it ends with. */
    private static UploadException upload(NginxProcess nginx, BackendTls tls, Path dir) throws Exception {
        EventLoopGroup group = Transport.best().newGroup(1);
        PutClientConfig config = PutClientConfig.builder()
                .connection(ConnectionSettings.builder(nginx.endpoint()).tls(new ClientTls(tls).forDevice(CAMERAS.get(0)))
                        .maxAttempts(1).backoff(Duration.ofMillis(10), Duration.ofMillis(10)).build())
                .header("Authorization", "Bearer " + TOKEN).build();
        try (PutClient client = new PutClient(config, "tls", "officer-1", group.next(), Transport.best(),
                WallClock.startingAt(0, 100, TimerLagListener.NONE).scheduler(group.next()), new SplittableRandom(3),
                UploadPacer.UNLIMITED)) {
            byte[] data = new byte[4096];
            new SplittableRandom(5).nextBytes(data);
            String id = CAMERAS.get(0);
            SegmentManifest m = new SegmentManifest(id, id + "-R00001", id + "-R00001-S001", 1, 1_700_000_000_000L,
                    1_700_000_060_000L, 0, 0, data.length, data.length, "0".repeat(64), "BUTTON", "uncategorized", false, true);
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> client.upload(m, new InMemoryByteSource(data), UploadPacer.UNLIMITED).get(30, TimeUnit.SECONDS));
            UploadException failure = assertInstanceOf(UploadException.class, e.getCause());
            return failure.kind() == UploadException.Kind.GAVE_UP && failure.getCause() instanceof UploadException last ? last : failure;
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    private static NginxProcess.Tls mutual(PkiLayout pki) {
        return new NginxProcess.Tls(pki.serverCert(), pki.serverKey(), pki.caCert(), pki.crl());
    }

    private static PkiLayout pki(Path dir) throws IOException {
        new FleetPki(Clock.systemUTC()).create(dir, CAMERAS, 2);
        return new PkiLayout(dir);
    }

    private static long files(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return 0;
        }
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(Files::isRegularFile).count();
        }
    }
}
