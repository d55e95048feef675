package io.bodycam.bench.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bodycam.backend.http.DeviceConfigStore;
import io.bodycam.backend.http.EvidenceLedger;
import io.bodycam.backend.http.EvidenceServer;
import io.bodycam.backend.http.EvidenceServerConfig;
import io.bodycam.bench.ledger.BackendView;
import io.bodycam.sim.time.ManualClock;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The ledger check's view of an external backend, asked over HTTP, agrees with what the backend holds. */
class HttpBackendViewTest {

    private EvidenceServer server;
    private EvidenceLedger ledger;

    @BeforeEach
    void start() {
        ledger = new EvidenceLedger();
        server = new EvidenceServer(new ManualClock(0), ledger, new DeviceConfigStore(), EvidenceServerConfig.defaults()).start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static String sha(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    @Test
    void verified_corrupt_and_unknown_segments_read_as_the_backend_holds_them() throws Exception {
        byte[] good = "good bytes".getBytes();
        byte[] bad = "bad bytes".getBytes();
        ledger.uploadCreated("CAM-1", "S1", "R1", sha(good), good.length);
        ledger.uploadCompleted("CAM-1", "S1", "R1", sha(good), sha(good), good.length);
        ledger.uploadCreated("CAM-1", "S2", "R1", sha(good), bad.length);
        ledger.uploadCompleted("CAM-1", "S2", "R1", sha(good), sha(bad), bad.length);

        BackendView view = new HttpBackendView(server.uri());
        BackendView.Held s1 = view.lookup("CAM-1", "S1").orElseThrow();
        assertTrue(s1.verified());
        assertEquals(sha(good), s1.sha256());
        assertEquals(1, s1.copies());
        BackendView.Held s2 = view.lookup("CAM-1", "S2").orElseThrow();
        assertFalse(s2.verified());
        assertEquals(sha(bad), s2.sha256(), "the hash of the bytes the backend holds");
        assertTrue(view.lookup("CAM-1", "S3").isEmpty(), "never uploaded");
        assertTrue(view.allKeys().isEmpty(), "an external backend cannot list what it holds");
    }

    @Test
    void the_upload_urls_base_path_is_kept() throws Exception {
        List<String> asked = new CopyOnWriteArrayList<>();
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/", exchange -> {
            asked.add(exchange.getRequestURI().getPath());
            byte[] body = ("{\"status\":\"verified\",\"sha256\":\"ab\",\"copies\":1}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        http.start();
        try {
            String root = "http://127.0.0.1:" + http.getAddress().getPort();
            assertTrue(new HttpBackendView(URI.create(root + "/api/bwc")).lookup("CAM-1", "S1").orElseThrow().verified());
            new HttpBackendView(URI.create(root + "/api/bwc/")).lookup("CAM-1", "S2");
            new HttpBackendView(URI.create(root)).lookup("CAM-1", "S3");
            assertEquals(List.of("/api/bwc/evidence/CAM-1/S1", "/api/bwc/evidence/CAM-1/S2", "/evidence/CAM-1/S3"), asked);
        } finally {
            http.stop(0);
        }
    }
}
