package io.bodycam.backend.broker;

import io.bodycam.backend.tls.ServerTls;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The embedded broker over mutual TLS with {@code ownTopicsOnly}: certificates made with the openssl command. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmbeddedBrokerMutualTlsTest {

    @TempDir
    static Path dir;
    private EmbeddedBroker broker;
    private MqttClient observer;
    private final List<String> seen = new CopyOnWriteArrayList<>();

    @BeforeAll
    void start() throws Exception {
        Path ca = dir.resolve("ca.pem");
        Path caKey = dir.resolve("ca.key");
        openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", caKey.toString());
        openssl("req", "-x509", "-new", "-key", caKey.toString(), "-subj", "/CN=test fleet CA", "-days", "2", "-out", ca.toString());
        Path foreign = dir.resolve("foreign-ca.pem");
        Path foreignKey = dir.resolve("foreign-ca.key");
        openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", foreignKey.toString());
        openssl("req", "-x509", "-new", "-key", foreignKey.toString(), "-subj", "/CN=foreign CA", "-days", "2", "-out", foreign.toString());
        issue("server", "localhost", ca, caKey, "subjectAltName=IP:127.0.0.1,DNS:localhost");
        for (String cn : List.of("CAM-0001", "CAM-0002", "bench-observer")) {
            issue(cn, cn, ca, caKey, "extendedKeyUsage=clientAuth");
        }
        issue("foreign-CAM-0001", "CAM-0001", foreign, foreignKey, "extendedKeyUsage=clientAuth");

        broker = EmbeddedBroker.builder().tls(ServerTls.fromPki(dir, true)).ownTopicsOnly(Set.of("bench-observer")).build();
        broker.start();
        observer = client("bench-observer");
        observer.subscribe("bwc/v1/#", 1, (topic, message) -> seen.add(topic + " " + new String(message.getPayload(), StandardCharsets.UTF_8)));
    }

    @AfterAll
    void stop() throws MqttException {
        if (observer != null) {
            observer.disconnect();
            observer.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void a_camera_publishes_under_its_own_topics() throws Exception {
        assertTrue(broker.url().startsWith("ssl://127.0.0.1:"), broker.url());
        assertTrue(broker.configXml().contains("<client-authentication-mode>REQUIRED</client-authentication-mode>"));
        MqttClient cam = client("CAM-0001");
        cam.publish("bwc/v1/metro/CAM-0001/status", "honest".getBytes(StandardCharsets.UTF_8), 1, false);
        await().atMost(Duration.ofSeconds(10)).until(() -> seen.contains("bwc/v1/metro/CAM-0001/status honest"));
        cam.disconnect();
        cam.close();
    }

    @Test
    void a_camera_publishing_under_another_device_is_cut_off_and_nothing_arrives() throws Exception {
        MqttClient impostor = client("CAM-0002");
        try {
            impostor.publish("bwc/v1/metro/CAM-0001/status", "impostor".getBytes(StandardCharsets.UTF_8), 1, false);
        } catch (MqttException refused) {
            // HiveMQ closes an MQTT 3 connection that publishes where it may not; Paho may report it here
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> !impostor.isConnected());
        impostor.close();
        MqttClient cam = client("CAM-0002");
        cam.publish("bwc/v1/metro/CAM-0002/status", "marker".getBytes(StandardCharsets.UTF_8), 1, false);
        await().atMost(Duration.ofSeconds(10)).until(() -> seen.contains("bwc/v1/metro/CAM-0002/status marker"));
        assertTrue(seen.stream().noneMatch(m -> m.endsWith(" impostor")), "the impostor's message arrived: " + seen);
        int[] granted = cam.subscribeWithResponse(new String[]{"bwc/v1/metro/CAM-0001/#"}, new int[]{1}).getGrantedQos();
        assertEquals(0x80, granted[0], "another device's topics may not be subscribed to");
        cam.disconnect();
        cam.close();
    }

    @Test
    void no_certificate_or_a_foreign_one_is_refused_at_the_handshake() {
        assertThrows(MqttException.class, () -> connect(null, "anonymous"));
        assertThrows(MqttException.class, () -> connect("foreign-CAM-0001", "CAM-0001"));
    }

    private MqttClient client(String name) throws Exception {
        return connect(name, name);
    }

    private MqttClient connect(String certName, String clientId) throws Exception {
        MqttClient c = new MqttClient(broker.url(), clientId + "-" + UUID.randomUUID(), new MemoryPersistence());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setConnectionTimeout(5);
        o.setSocketFactory(sslContext(certName).getSocketFactory());
        try {
            c.connect(o);
        } catch (MqttException e) {
            c.close();
            throw e;
        }
        return c;
    }

    private SSLContext sslContext(String certName) throws IOException, GeneralSecurityException {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", ServerTls.certificates(dir.resolve("ca.pem")).iterator().next());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        KeyManagerFactory kmf = null;
        if (certName != null) {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("me", ServerTls.privateKey(dir.resolve(certName + ".key")), "pw".toCharArray(),
                    ServerTls.certificates(dir.resolve(certName + ".pem")).toArray(Certificate[]::new));
            kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, "pw".toCharArray());
        }
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return ctx;
    }

    private void issue(String file, String cn, Path ca, Path caKey, String extension) throws Exception {
        Path key = dir.resolve(file + ".key");
        openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", key.toString());
        openssl("req", "-new", "-key", key.toString(), "-subj", "/CN=" + cn, "-CA", ca.toString(), "-CAkey", caKey.toString(),
                "-addext", extension, "-days", "2", "-out", dir.resolve(file + ".pem").toString());
    }

    private void openssl(String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("openssl"));
        cmd.addAll(List.of(args));
        Process p;
        try {
            p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            Assumptions.abort("no openssl command: " + e.getMessage());
            return;
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "openssl hung");
        assertEquals(0, p.exitValue(), String.join(" ", cmd) + ":\n" + out);
    }
}
