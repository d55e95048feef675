package io.bodycam.bench.security;

import io.bodycam.bench.scenario.ImpostorKind;
import io.bodycam.backend.tls.ServerTls;
import io.bodycam.bench.pki.PkiLayout;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Carries out impostor attempts against an {@code mqtts://} broker and an {@code https://} tus upload server
 * with real sockets and tells whether the backend let each through. The certificates come from a
 * {@code bodycam pki create} folder ({@link PkiLayout}). Whether a message on the victim's topics got through
 * is told by a witness: a client with the observer's certificate subscribed to the victim's {@code status}
 * topic, which waits a few seconds for the impostor's marker. An upload under the victim's id got through when
 * the server created it (tus creation answered 201). Each attempt blocks for up to a few seconds: call it off
 * the event loops.
 */
public final class ImpostorProbe {

    private static final int CONNECT_TIMEOUT_SECONDS = 5;
    /** Paho waits for ever on a forcible disconnect given 0. */
    private static final long DISCONNECT_WAIT_MILLIS = 500;

    private final URI broker;
    private final URI upload;
    private final PkiLayout pki;
    private final String agency;
    private final Duration witnessWait;

    /** A probe of the broker only: no {@link ImpostorKind#upload()} kind can be tried. */
    public ImpostorProbe(URI broker, PkiLayout pki, String agency, Duration witnessWait) {
        this(broker, null, pki, agency, witnessWait);
    }

    /**
     * @param broker      {@code mqtts://HOST:PORT} (or Paho's {@code ssl://})
     * @param upload      the tus upload server's base URL ({@code https://HOST:PORT}); null when there is none to try
     * @param agency      the topic level the impostor writes before the victim's id
     * @param witnessWait how long the witness waits for a message to get through before calling it refused
     */
    public ImpostorProbe(URI broker, URI upload, PkiLayout pki, String agency, Duration witnessWait) {
        this.broker = Objects.requireNonNull(broker, "broker");
        this.upload = upload;
        this.pki = Objects.requireNonNull(pki, "pki");
        this.agency = Objects.requireNonNull(agency, "agency");
        this.witnessWait = Objects.requireNonNull(witnessWait, "witnessWait");
    }

    /** The certificate {@code kind} presents against {@code victim}, and its key. */
    public List<Path> credentials(ImpostorKind kind, String victim) {
        String id = kind.certificateId(victim);
        Path folder = switch (kind) {
            case EXPIRED -> pki.expiredDir();
            case FOREIGN_CA -> pki.foreignDir();
            case REVOKED, OTHER_TOPIC, REPLAY_WILL, OTHER_UPLOAD -> pki.devicesDir();
        };
        return List.of(folder.resolve(id + ".pem"), folder.resolve(id + ".key"));
    }

    /** Tries {@code kind} against {@code victim}, an honest camera's id, and tells what the broker did. */
    public Attempt attempt(ImpostorKind kind, String victim) {
        List<Path> credentials = credentials(kind, victim);
        return switch (kind) {
            case REVOKED, EXPIRED, FOREIGN_CA -> connectOnly(kind, victim, credentials.get(0), credentials.get(1));
            case OTHER_TOPIC, REPLAY_WILL -> onVictimsTopic(kind, victim, credentials.get(0), credentials.get(1));
            case OTHER_UPLOAD -> uploadAsVictim(kind, victim, credentials.get(0), credentials.get(1));
        };
    }

    /**
     * An attempt to create evidence under the victim's id with the impostor's own valid certificate: a tus
     * creation whose metadata names the victim, and when the server takes it (201) the bytes too. Accepted if
     * the server created the upload; refused if it answered anything else or the handshake failed.
     */
    private Attempt uploadAsVictim(ImpostorKind kind, String victim, Path cert, Path key) {
        if (upload == null) {
            throw new IllegalStateException("the " + kind.yamlName() + " impostor needs the upload server's URL");
        }
        byte[] bytes = ("impostor-" + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        String segment = victim + "-R99999-IMPOSTOR";
        String metadata = String.join(",", "deviceId " + base64(victim), "recordingId " + base64(victim + "-R99999"),
                "segmentId " + base64(segment), "sha256 " + base64(sha256(bytes)));
        String base = upload.toString().endsWith("/") ? upload.toString() : upload + "/";
        URI files = URI.create(base + "files/");
        HttpClient http = HttpClient.newBuilder().sslContext(sslContext(cert, key))
                .connectTimeout(Duration.ofSeconds(CONNECT_TIMEOUT_SECONDS)).build();
        try {
            HttpResponse<String> created = http.send(HttpRequest.newBuilder(files).timeout(Duration.ofSeconds(CONNECT_TIMEOUT_SECONDS))
                    .header("Tus-Resumable", "1.0.0").header("Upload-Length", Integer.toString(bytes.length))
                    .header("Upload-Metadata", metadata).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (created.statusCode() != 201) {
                return new Attempt(kind, victim, false, "refused: POST " + files.getPath() + " naming " + victim + " answered "
                        + created.statusCode() + " " + created.body().strip());
            }
            URI location = files.resolve(created.headers().firstValue("Location").orElse(files.getPath()));
            HttpResponse<String> patched = http.send(HttpRequest.newBuilder(location).timeout(Duration.ofSeconds(CONNECT_TIMEOUT_SECONDS))
                    .header("Tus-Resumable", "1.0.0").header("Upload-Offset", "0")
                    .header("Content-Type", "application/offset+octet-stream")
                    .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.ofString());
            return new Attempt(kind, victim, true, "the server created an upload naming " + victim + " (201), its bytes answered "
                    + patched.statusCode());
        } catch (IOException e) {
            return new Attempt(kind, victim, false, "refused: " + e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Attempt(kind, victim, false, "interrupted before the upload server answered");
        }
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256 in this JDK", e);
        }
    }

    /** An attempt whose whole point is the connection: accepted if the broker lets it connect. */
    private Attempt connectOnly(ImpostorKind kind, String victim, Path cert, Path key) {
        MqttClient client;
        try {
            client = connect(kind.certificateId(victim), cert, key, null);
        } catch (MqttException e) {
            return new Attempt(kind, victim, false, "refused: " + reason(e));
        }
        closeQuietly(client, true);
        return new Attempt(kind, victim, true, "connected with the " + kind.yamlName() + " certificate " + cert.getFileName());
    }

    /** An attempt to get a message onto the victim's {@code status} topic, seen or not by the witness. */
    private Attempt onVictimsTopic(ImpostorKind kind, String victim, Path cert, Path key) {
        String marker = "impostor-" + UUID.randomUUID();
        String topic = "bwc/v1/" + agency + "/" + victim + "/status";
        byte[] payload = ("{\"schema\":1,\"deviceId\":\"" + victim + "\",\"seq\":0,\"ts\":0,\"status\":\"offline\","
                + "\"reason\":\"connection lost\",\"impostor\":\"" + marker + "\"}").getBytes(StandardCharsets.UTF_8);
        CountDownLatch seen = new CountDownLatch(1);
        MqttClient witness;
        try {
            witness = connect(PkiLayout.OBSERVER_CN + "-witness-" + UUID.randomUUID(), pki.observerCert(), pki.observerKey(), null);
            witness.subscribe("bwc/v1/+/" + victim + "/status", 1, (t, m) -> {
                if (new String(m.getPayload(), StandardCharsets.UTF_8).contains(marker)) {
                    seen.countDown();
                }
            });
        } catch (MqttException e) {
            throw new IllegalStateException("the witness of the impostor attempts cannot subscribe at " + broker + ": " + reason(e), e);
        }
        try {
            String id = kind.certificateId(victim);
            boolean will = kind == ImpostorKind.REPLAY_WILL;
            MqttClient impostor;
            try {
                impostor = connect(id, cert, key, will ? new Will(topic, payload) : null);
            } catch (MqttException e) {
                return new Attempt(kind, victim, false, "refused: " + reason(e));
            }
            String how = (will ? "its Will on " : "its publish on ") + topic;
            String failure = null;
            try {
                if (will) {
                    impostor.disconnectForcibly(0, DISCONNECT_WAIT_MILLIS, false);
                } else {
                    impostor.publish(topic, payload, 1, false);
                }
            } catch (MqttException e) {
                // a broker may deliver and still drop the connection: only the witness can tell
                failure = reason(e);
            } finally {
                closeQuietly(impostor, true);
            }
            if (seen.await(witnessWait.toMillis(), TimeUnit.MILLISECONDS)) {
                return new Attempt(kind, victim, true, how + " reached a subscriber");
            }
            return new Attempt(kind, victim, false, "refused: " + (failure != null ? failure
                    : how + " reached no subscriber in " + witnessWait.toSeconds() + " s"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Attempt(kind, victim, false, "interrupted before the witness could tell");
        } finally {
            closeQuietly(witness, false);
        }
    }

    private record Will(String topic, byte[] payload) {
    }

    private MqttClient connect(String clientId, Path cert, Path key, Will will) throws MqttException {
        MqttClient c = new MqttClient(pahoUrl(broker), clientId, new MemoryPersistence());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setConnectionTimeout(CONNECT_TIMEOUT_SECONDS);
        o.setAutomaticReconnect(false);
        o.setCleanSession(true);
        o.setSocketFactory(sslContext(cert, key).getSocketFactory());
        if (will != null) {
            o.setWill(will.topic(), will.payload(), 1, false);
        }
        try {
            c.connect(o);
        } catch (MqttException e) {
            c.close(true);
            throw e;
        }
        return c;
    }

    /** A JDK context trusting the fleet CA and presenting {@code cert}: the impostor's, for Paho and the HTTP client. */
    private SSLContext sslContext(Path cert, Path key) {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            int n = 0;
            for (Certificate c : ServerTls.certificates(pki.caCert())) {
                trust.setCertificateEntry("ca-" + n++, c);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            if (!Files.isRegularFile(cert) || !Files.isRegularFile(key)) {
                throw new IllegalStateException("no certificate " + cert + " or key " + key
                        + " for the impostors; make them with: bodycam pki create --scenario FILE --out " + pki.dir());
            }
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            char[] pw = "impostor".toCharArray();
            keys.setKeyEntry("me", ServerTls.privateKey(key), pw, ServerTls.certificates(cert).toArray(Certificate[]::new));
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, pw);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            return ctx;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the impostor's certificate " + cert, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot use the impostor's certificate " + cert + ": " + e.getMessage(), e);
        }
    }

    static String pahoUrl(URI broker) {
        return "ssl://" + broker.getHost() + ":" + broker.getPort();
    }

    /** The broker's answer in a few words: the CONNACK code, or the deepest cause (a TLS alert). */
    private static String reason(MqttException e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String why = root == e ? e.getMessage() : root.getClass().getSimpleName() + ": " + root.getMessage();
        return why + " (reason " + e.getReasonCode() + ")";
    }

    private static void closeQuietly(MqttClient c, boolean quick) {
        try {
            if (c.isConnected()) {
                if (quick) {
                    c.disconnectForcibly(0, DISCONNECT_WAIT_MILLIS, true);
                } else {
                    c.disconnect();
                }
            }
        } catch (MqttException e) {
            // the broker may have closed the connection itself; nothing is left to release but the client
        }
        try {
            c.close(true);
        } catch (MqttException e) {
            // closing a client that failed to connect cannot fail in a way anyone could act on
        }
    }
}
