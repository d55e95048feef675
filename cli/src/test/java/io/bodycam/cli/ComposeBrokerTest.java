package io.bodycam.cli;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * The compose stack's broker as compose.yaml starts it, without Docker: its own start command (the password
 * file made from {@code BODYCAM_MQTT_USER} and {@code BODYCAM_MQTT_PASSWORD}, then Mosquitto) and
 * docker/mosquitto/mosquitto.conf, run with Debian's Mosquitto, only the container's paths and the port
 * moved to a temporary folder. An anonymous client is refused, the configured user gets in.
 */
class ComposeBrokerTest {

    private static final Path DOCKER = Path.of("..").toAbsolutePath().normalize().resolve("docker");

    @Test
    void the_stacks_mosquitto_refuses_anonymous_clients_and_takes_the_user_it_was_started_with(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/mosquitto")) && Files.isExecutable(Path.of("/usr/bin/mosquitto_passwd")),
                "skipped: no Debian mosquitto (apt-get install -y mosquitto)");
        assumeTrue("root".equals(System.getProperty("user.name")), "skipped: the start command chowns the password file to mosquitto, as root does in the container");
        int port = freePort();
        // Mosquitto reads the password file after dropping to its own user, as in the container's /mosquitto/data
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path passwd = dir.resolve("passwd");
        Path conf = dir.resolve("mosquitto.conf");
        Files.writeString(conf, Files.readString(DOCKER.resolve("mosquitto/mosquitto.conf"))
                .replace("listener 1883 0.0.0.0", "listener " + port + " 127.0.0.1")
                .replace("/mosquitto/data/passwd", passwd.toString()));
        Map<String, Object> mosquitto = service("mosquitto");
        @SuppressWarnings("unchecked")
        List<String> command = (List<String>) mosquitto.get("command");
        String script = command.get(2).replace("$$", "$").replace("/mosquitto/data/passwd", passwd.toString())
                .replace("/mosquitto/config/mosquitto.conf", conf.toString());
        ProcessBuilder start = new ProcessBuilder(command.get(0), command.get(1), script)
                .redirectErrorStream(true).redirectOutput(dir.resolve("mosquitto.log").toFile());
        start.environment().put("BODYCAM_MQTT_USER", "ops");
        start.environment().put("BODYCAM_MQTT_PASSWORD", "s3cret pass");
        Process broker = start.start();
        try {
            await("the stack's mosquitto listens").atMost(Duration.ofSeconds(10))
                    .failFast("mosquitto exited: " + dir.resolve("mosquitto.log"), () -> !broker.isAlive())
                    .until(() -> accepts(port));

            MqttException anonymous = assertThrows(MqttException.class, () -> connect(port, null, null));
            assertEquals(MqttException.REASON_CODE_NOT_AUTHORIZED, anonymous.getReasonCode(), anonymous.toString());
            MqttException wrong = assertThrows(MqttException.class, () -> connect(port, "ops", "guess"));
            assertTrue(wrong.getReasonCode() == MqttException.REASON_CODE_NOT_AUTHORIZED
                    || wrong.getReasonCode() == MqttException.REASON_CODE_FAILED_AUTHENTICATION, wrong.toString());
            MqttClient ops = connect(port, "ops", "s3cret pass");
            assertTrue(ops.isConnected());
            ops.disconnect();
            ops.close();
        } finally {
            broker.destroy();
            broker.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static MqttClient connect(int port, String user, String password) throws MqttException {
        MqttClient c = new MqttClient("tcp://127.0.0.1:" + port, "compose-check-" + System.nanoTime(), new MemoryPersistence());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setConnectionTimeout(5);
        if (user != null) {
            o.setUserName(user);
            o.setPassword(password.toCharArray());
        }
        try {
            c.connect(o);
        } catch (MqttException e) {
            c.close(true);
            throw e;
        }
        return c;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> service(String name) throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(DOCKER.resolve("compose.yaml")));
        return (Map<String, Object>) ((Map<String, Object>) compose.get("services")).get(name);
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
