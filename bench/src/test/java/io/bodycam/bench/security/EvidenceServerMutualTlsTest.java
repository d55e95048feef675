package io.bodycam.bench.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bodycam.backend.http.DeviceConfigStore;
import io.bodycam.backend.http.EvidenceLedger;
import io.bodycam.backend.http.EvidenceServer;
import io.bodycam.backend.http.EvidenceServerConfig;
import io.bodycam.backend.http.EvidenceStatus;
import io.bodycam.backend.tls.ServerTls;
import io.bodycam.bench.pki.FleetPki;
import io.bodycam.bench.pki.PkiLayout;
import io.bodycam.bench.scenario.ImpostorKind;
import io.bodycam.sim.time.WallClock;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded evidence server over mutual TLS with a fleet pki: a camera uploads under its own id; an
 * upload naming another device (creation, or the bytes of another device's upload) is refused with 403 and
 * counted; revoked, expired, foreign-CA and certificate-less clients are refused at the handshake, before
 * any upload exists. Real sockets, the JDK's HTTP client.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EvidenceServerMutualTlsTest {

    private static final String VICTIM = "CAM-0001";
    private static final String OTHER = "CAM-0002";

    @TempDir
    static Path dir;
    private PkiLayout pki;
    private EvidenceLedger ledger;
    private EvidenceServer server;

    @BeforeAll
    void start() throws Exception {
        pki = new PkiLayout(dir.resolve("pki"));
        new FleetPki(Clock.systemUTC()).create(pki.dir(), List.of(VICTIM, OTHER, "IMPOSTOR-REVOKED", "IMPOSTOR-UPLOAD"),
                Set.of("IMPOSTOR-REVOKED"), 2);
        ledger = new EvidenceLedger();
        server = new EvidenceServer(WallClock.startingAt(System.currentTimeMillis(), 1, lag -> { }), ledger,
                new DeviceConfigStore(), EvidenceServerConfig.builder().tls(ServerTls.fromPki(pki.dir(), true)).build()).start();
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void a_camera_uploads_under_its_own_id_and_the_server_says_https() throws Exception {
        assertEquals("https", server.uri().getScheme());
        HttpClient own = client(pki.deviceCert(OTHER), pki.deviceKey(OTHER));
        byte[] bytes = "own evidence".getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> created = create(own, OTHER, "CAM-0002-R00001-S001", bytes);
        assertEquals(201, created.statusCode(), created.body());
        HttpResponse<String> patched = patch(own, created, bytes);

        assertEquals(204, patched.statusCode(), patched.body());
        assertEquals(EvidenceStatus.VERIFIED, ledger.entry(OTHER, "CAM-0002-R00001-S001").orElseThrow().status());
    }

    @Test
    void an_upload_naming_another_device_is_refused_with_403_and_counted() throws Exception {
        long before = server.identityRefusals();
        HttpClient other = client(pki.deviceCert(OTHER), pki.deviceKey(OTHER));
        byte[] bytes = "not mine".getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> created = create(other, VICTIM, "CAM-0001-R00001-S009", bytes);

        assertEquals(403, created.statusCode(), created.body());
        assertTrue(created.body().contains("CAM-0002's; it may not upload as CAM-0001"), created.body());
        assertTrue(ledger.entry(VICTIM, "CAM-0001-R00001-S009").isEmpty());
        assertEquals(before + 1, server.identityRefusals());
    }

    @Test
    void the_bytes_of_another_devices_upload_are_refused_with_403() throws Exception {
        HttpClient victim = client(pki.deviceCert(VICTIM), pki.deviceKey(VICTIM));
        byte[] bytes = "victim's evidence".getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> created = create(victim, VICTIM, "CAM-0001-R00002-S001", bytes);
        assertEquals(201, created.statusCode(), created.body());
        long before = server.identityRefusals();

        HttpResponse<String> stolen = patch(client(pki.deviceCert(OTHER), pki.deviceKey(OTHER)), created, bytes);

        assertEquals(403, stolen.statusCode(), stolen.body());
        assertEquals(before + 1, server.identityRefusals());
        assertEquals(204, patch(victim, created, bytes).statusCode(), "the victim's own upload goes on");
    }

    @Test
    void revoked_expired_foreign_and_missing_certificates_are_refused_at_the_handshake() throws Exception {
        List<HttpClient> refused = List.of(
                client(pki.deviceCert("IMPOSTOR-REVOKED"), pki.deviceKey("IMPOSTOR-REVOKED")),
                client(pki.expiredDir().resolve(VICTIM + ".pem"), pki.expiredDir().resolve(VICTIM + ".key")),
                client(pki.foreignDir().resolve(VICTIM + ".pem"), pki.foreignDir().resolve(VICTIM + ".key")),
                client(null, null));
        byte[] bytes = "impostor".getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < refused.size(); i++) {
            String segment = "CAM-0001-R00003-S00" + i;
            HttpClient c = refused.get(i);
            assertThrows(IOException.class, () -> create(c, VICTIM, segment, bytes), "client " + i);
            assertTrue(ledger.entry(VICTIM, segment).isEmpty());
        }
    }

    @Test
    void without_the_crl_the_revoked_certificate_gets_in_so_the_crl_is_what_refuses_it() throws Exception {
        ServerTls noCrl = new ServerTls(pki.serverCert(), pki.serverKey(), pki.caCert(), null);
        try (EvidenceServer open = new EvidenceServer(WallClock.startingAt(System.currentTimeMillis(), 1, lag -> { }),
                new EvidenceLedger(), new DeviceConfigStore(), EvidenceServerConfig.builder().tls(noCrl).build()).start()) {
            HttpClient revoked = client(pki.deviceCert("IMPOSTOR-REVOKED"), pki.deviceKey("IMPOSTOR-REVOKED"));
            byte[] bytes = "revoked".getBytes(StandardCharsets.UTF_8);
            String metadata = String.join(",", "deviceId " + b64("IMPOSTOR-REVOKED"), "segmentId " + b64("R-S001"),
                    "sha256 " + b64(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes))));
            HttpResponse<String> created = revoked.send(HttpRequest.newBuilder(open.uri().resolve("/files/"))
                    .header("Tus-Resumable", "1.0.0").header("Upload-Length", Integer.toString(bytes.length))
                    .header("Upload-Metadata", metadata).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(201, created.statusCode(), created.body());
        }
    }

    @Test
    void over_tls_without_client_certificates_nobody_is_known_and_uploads_go_as_over_http() throws Exception {
        try (EvidenceServer https = new EvidenceServer(WallClock.startingAt(System.currentTimeMillis(), 1, lag -> { }),
                new EvidenceLedger(), new DeviceConfigStore(),
                EvidenceServerConfig.builder().tls(ServerTls.fromPki(pki.dir(), false)).build()).start()) {
            assertEquals("https", https.uri().getScheme());
            byte[] bytes = "no certificate".getBytes(StandardCharsets.UTF_8);
            String metadata = String.join(",", "deviceId " + b64(VICTIM), "segmentId " + b64("T-S001"),
                    "sha256 " + b64(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes))));
            HttpResponse<String> created = client(null, null).send(HttpRequest.newBuilder(https.uri().resolve("/files/"))
                    .header("Tus-Resumable", "1.0.0").header("Upload-Length", Integer.toString(bytes.length))
                    .header("Upload-Metadata", metadata).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(201, created.statusCode(), created.body());
            assertEquals(0, https.identityRefusals());
        }
    }

    @Test
    void the_other_upload_impostor_is_refused() {
        ImpostorProbe probe = new ImpostorProbe(URI.create("mqtts://127.0.0.1:1"), server.uri(), pki, "metro", Duration.ofSeconds(1));

        Attempt a = probe.attempt(ImpostorKind.OTHER_UPLOAD, VICTIM);

        assertFalse(a.accepted(), a.detail());
        assertTrue(a.detail().contains("answered 403"), a.detail());
    }

    private HttpResponse<String> create(HttpClient c, String deviceId, String segmentId, byte[] bytes) throws Exception {
        String metadata = String.join(",", "deviceId " + b64(deviceId), "segmentId " + b64(segmentId),
                "sha256 " + b64(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes))));
        return c.send(HttpRequest.newBuilder(server.uri().resolve("/files/")).header("Tus-Resumable", "1.0.0")
                .header("Upload-Length", Integer.toString(bytes.length)).header("Upload-Metadata", metadata)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> patch(HttpClient c, HttpResponse<String> created, byte[] bytes) throws Exception {
        URI upload = server.uri().resolve(created.headers().firstValue("Location").orElseThrow());
        return c.send(HttpRequest.newBuilder(upload).header("Tus-Resumable", "1.0.0").header("Upload-Offset", "0")
                .header("Content-Type", "application/offset+octet-stream")
                .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A client trusting the fleet CA, presenting {@code cert} (none when null). */
    private HttpClient client(Path cert, Path key) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", ServerTls.certificates(pki.caCert()).iterator().next());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        KeyManagerFactory kmf = null;
        if (cert != null) {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("me", ServerTls.privateKey(key), "pw".toCharArray(),
                    ServerTls.certificates(cert).toArray(Certificate[]::new));
            kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, "pw".toCharArray());
        }
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(ctx).connectTimeout(Duration.ofSeconds(5)).build();
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
