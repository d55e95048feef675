package io.bodycam.bench.conform;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.bodycam.sim.testing.MosquittoProcess;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code MQTT-RESTART-01} against Debian's Mosquitto, restarted by the shell command a vendor's capability
 * file names: with persistence on it keeps the camera's retained status and state across the restart
 * (PASS), with persistence off it forgets them (FAIL).
 */
class MosquittoRestartTest {

    @ParameterizedTest(name = "persistence {0}")
    @ValueSource(booleans = {true, false})
    void a_restarted_mosquitto_keeps_retained_status_only_with_persistence(boolean persistence, @TempDir Path dir) throws Exception {
        Path binary = MosquittoProcess.findBinary().orElse(null);
        assumeTrue(binary != null, "skipped: mosquitto is not installed (apt-get install -y mosquitto)");
        // run as root, Mosquitto drops to its own user, which must write its pid file and database here
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        int port = freePort();
        Path conf = dir.resolve("mosquitto.conf");
        Path pid = dir.resolve("mosquitto.pid");
        Files.writeString(conf, String.join("\n", "listener " + port + " 127.0.0.1", "allow_anonymous true",
                "persistence " + persistence, "persistence_location " + dir + "/", "pid_file " + pid,
                "log_dest file " + dir.resolve("mosquitto.log"), ""));
        String start = binary + " -d -c " + conf;
        // what a vendor would write for a broker it runs itself: stop it, wait until it has gone, start it again
        String restart = "p=$(cat " + pid + ") && kill $p && tail --pid=$p -s 0.1 -f /dev/null && " + start;
        Capabilities caps = Capabilities.parse("caps.yaml", "claims: [broker-restart]\nbrokerRestart: '" + restart + "'\n");
        Process launch = new ProcessBuilder("sh", "-c", start).inheritIO().start();
        assertTrue(launch.waitFor(10, TimeUnit.SECONDS) && launch.exitValue() == 0, "mosquitto -d did not start");
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> accepts(port));
            ConformanceReport r = ConformanceKit.run(caps.target(URI.create("tcp://127.0.0.1:" + port), URI.create("http://127.0.0.1:9")),
                    1, Set.of("MQTT-RESTART-01"), c -> { });

            assertEquals(1, r.results().size());
            CaseResult c = r.results().get(0);
            assertEquals(persistence ? Verdict.PASS : Verdict.FAIL, c.verdict(), c.evidence());
            assertTrue(c.evidence().contains("the command exited 0") && c.evidence().contains("the kit's connection dropped"), c.evidence());
            if (!persistence) {
                assertTrue(c.evidence().contains("got no retained message on bwc/v1/conform/"), c.evidence());
            }
        } finally {
            if (Files.exists(pid)) {
                long id = Long.parseLong(Files.readString(pid).strip());
                ProcessHandle.of(id).ifPresent(h -> {
                    h.destroy();
                    await().atMost(Duration.ofSeconds(10)).until(() -> !h.isAlive());
                });
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
