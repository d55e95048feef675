package io.bodycam.backend.http;

import static io.bodycam.backend.http.TusHttp.bytes;
import static io.bodycam.backend.http.TusHttp.sha256Hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bodycam.sim.net.Transport;
import io.bodycam.sim.time.ManualClock;
import io.bodycam.sim.time.TimerLagListener;
import io.bodycam.sim.time.WallClock;
import io.bodycam.sim.upload.InMemoryByteSource;
import io.bodycam.sim.upload.TusClient;
import io.bodycam.sim.upload.TusClientConfig;
import io.bodycam.sim.upload.UploadOutcome;
import io.bodycam.sim.upload.UploadRequest;
import io.netty.channel.EventLoopGroup;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interoperability with the tus reference implementations in JavaScript: {@code tus-js-client}
 * uploads to the evidence server, and the camera's {@link TusClient} uploads to {@code @tus/server}.
 * Opt-in, to keep the default build free of Node: run with
 * {@code -Dtus.interop.node_modules=/path/to/node_modules} (a folder where
 * {@code npm install tus-js-client @tus/server @tus/file-store} was run); skipped otherwise.
 */
class TusReferenceInteropTest {

    private static final String CLIENT_JS = """
            const tus = require('tus-js-client');
            const crypto = require('crypto');
            const [endpoint, size] = [process.argv[2], Number(process.argv[3])];
            const data = Buffer.alloc(size, 0);
            for (let i = 0; i < size; i++) data[i] = (i * 31 + 7) & 0xff;
            const sha256 = crypto.createHash('sha256').update(data).digest('hex');
            const upload = new tus.Upload(data, {
              endpoint: endpoint + '/files/', chunkSize: 65536, retryDelays: [],
              metadata: { deviceId: 'JS-1', segmentId: 'S-JS', recordingId: 'JS-1-R1', sha256 },
              onError: (e) => { console.log('ERROR ' + e); process.exit(1); },
              onSuccess: () => { console.log('OK ' + sha256); process.exit(0); },
            });
            upload.start();
            """;

    private static final String SERVER_JS = """
            const { Server } = require('@tus/server');
            const { FileStore } = require('@tus/file-store');
            const server = new Server({ path: '/files', datastore: new FileStore({ directory: process.argv[2] }) });
            const http = require('http').createServer((req, res) => server.handle(req, res));
            http.listen(0, '127.0.0.1', () => console.log('PORT ' + http.address().port));
            """;

    private Path nodeModules;

    @BeforeEach
    void findNodeModules() {
        Optional<Path> modules = Optional.ofNullable(System.getProperty("tus.interop.node_modules")).map(Path::of);
        Assumptions.assumeTrue(modules.isPresent(),
                "tus interop is opt-in: set -Dtus.interop.node_modules to a node_modules with tus-js-client and @tus/server");
        Assumptions.assumeTrue(Files.isDirectory(modules.get().resolve("tus-js-client"))
                        && Files.isDirectory(modules.get().resolve("@tus/server")),
                "no tus-js-client or @tus/server under " + modules.get());
        nodeModules = modules.get();
    }

    @Test
    void tus_js_client_uploads_to_the_evidence_server_and_the_segment_verifies(@TempDir Path dir) throws Exception {
        EvidenceLedger ledger = new EvidenceLedger();
        try (EvidenceServer server = new EvidenceServer(new ManualClock(0), ledger, new DeviceConfigStore(),
                EvidenceServerConfig.builder().threads(1).build()).start()) {
            Process node = node(dir, CLIENT_JS, server.uri().toString(), "300000");

            String result = firstLine(node);
            assertTrue(node.waitFor(30, TimeUnit.SECONDS), "tus-js-client did not finish");

            assertTrue(result.startsWith("OK "), result);
            EvidenceEntry entry = ledger.entry("JS-1", "S-JS").orElseThrow();
            assertEquals(EvidenceStatus.VERIFIED, entry.status(), entry::toString);
            assertEquals(result.substring(3), entry.computedSha256());
        }
    }

    @Test
    void the_camera_client_uploads_to_tus_node_server(@TempDir Path dir) throws Exception {
        Path store = Files.createDirectories(dir.resolve("store"));
        Process node = node(dir, SERVER_JS, store.toString());
        EventLoopGroup group = Transport.best().newGroup(1);
        try {
            String line = firstLine(node);
            assertTrue(line.startsWith("PORT "), line);
            URI endpoint = URI.create("http://127.0.0.1:" + line.substring(5).trim());
            TusClient client = new TusClient(TusClientConfig.builder().endpoint(endpoint).chunkSize(64 * 1024).build(),
                    group.next(), Transport.best(),
                    WallClock.startingAt(0, 1, TimerLagListener.NONE).scheduler(group.next()), new SplittableRandom(1));
            byte[] data = bytes(300_000, 9);

            UploadOutcome outcome = client.upload(new UploadRequest("S-1", Map.of("deviceId", "IPD-1",
                    "segmentId", "S-1"), new InMemoryByteSource(data), sha256Hex(data))).get(30, TimeUnit.SECONDS);
            client.close();

            String id = Path.of(outcome.uploadUrl().getPath()).getFileName().toString();
            assertEquals(sha256Hex(data), sha256Hex(Files.readAllBytes(store.resolve(id))));
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            node.destroy();
            node.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private Process node(Path dir, String script, String... args) throws IOException {
        Path file = dir.resolve("script.js");
        Files.writeString(file, script);
        ProcessBuilder pb = new ProcessBuilder(concat("node", file.toString(), args)).redirectErrorStream(true);
        pb.environment().put("NODE_PATH", nodeModules.toString());
        return pb.start();
    }

    private static List<String> concat(String first, String second, String... rest) {
        List<String> all = new java.util.ArrayList<>(List.of(first, second));
        all.addAll(List.of(rest));
        return all;
    }

    private static String firstLine(Process process) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        return line == null ? "(no output)" : line;
    }
}
