package io.bodycam.backend;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.bodycam.backend.broker.EmbeddedBroker;
import io.bodycam.backend.http.EvidenceServerConfig;
import io.bodycam.backend.http.ReadBackStore;
import io.bodycam.backend.tls.ServerTls;
import io.bodycam.backend.http.LedgerCounters;
import io.bodycam.sim.time.WallClock;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The reference backend on its own ({@code bodycam backend}): the MQTT broker and the evidence server on
 * fixed ports, in wall time, for real cameras or other tools to aim at, or to run as a container. Its
 * data folder gets {@code backend.json} (where it listens) at start and {@code ledger.json} (every
 * segment it holds, with its verdict) when it stops; for a read-back device profile, the bodies it stores.
 */
public final class StandaloneBackend implements AutoCloseable {

    public static final String BACKEND_FILE = "backend.json";
    public static final String LEDGER_FILE = "ledger.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Settings settings;
    private final ReferenceBackend backend;
    private boolean closed;

    /**
     * Where the backend listens and keeps its files.
     *
     * @param bindAddress {@code 127.0.0.1}, or {@code 0.0.0.0} in a container
     * @param mqttPort    the broker's port, 1..65535
     * @param httpPort    the evidence server's port, 1..65535
     * @param data        the data folder (created if missing)
     * @param uploadTls   HTTPS (and with a client CA, mutual TLS) for the evidence server; null for plain HTTP
     * @param readBack    what the evidence server also stores and serves back for a read-back device profile
     *                    (its folder under {@code data}); null for the reference contract alone
     */
    public record Settings(String bindAddress, int mqttPort, int httpPort, Path data, ServerTls uploadTls,
                           ReadBackStore readBack) {

        /** Plain HTTP uploads. */
        public Settings(String bindAddress, int mqttPort, int httpPort, Path data) {
            this(bindAddress, mqttPort, httpPort, data, null, null);
        }

        public Settings {
            Objects.requireNonNull(bindAddress, "bind address");
            Objects.requireNonNull(data, "data folder");
            if (mqttPort < 1 || mqttPort > 65_535) {
                throw new IllegalArgumentException("MQTT port must be 1..65535, was " + mqttPort);
            }
            if (httpPort < 1 || httpPort > 65_535) {
                throw new IllegalArgumentException("HTTP port must be 1..65535, was " + httpPort);
            }
            if (mqttPort == httpPort) {
                throw new IllegalArgumentException("MQTT and HTTP ports must differ, both were " + mqttPort);
            }
        }
    }

    private StandaloneBackend(Settings settings, ReferenceBackend backend) {
        this.settings = settings;
        this.backend = backend;
    }

    /**
     * Starts the broker and the evidence server, and writes {@code backend.json}.
     *
     * @throws IOException if the data folder cannot be written
     * @throws IllegalArgumentException if a bind address is not allowed
     * @throws RuntimeException if a port cannot be bound
     */
    public static StandaloneBackend start(Settings s) throws IOException {
        Files.createDirectories(s.data());
        ReferenceBackend backend = ReferenceBackend.start(WallClock.realTime(),
                EmbeddedBroker.builder().port(s.mqttPort()).bindAddress(s.bindAddress()),
                EvidenceServerConfig.builder().port(s.httpPort()).bindAddress(s.bindAddress()).tls(s.uploadTls())
                        .readBack(s.readBack()).build());
        try {
            StandaloneBackend b = new StandaloneBackend(s, backend);
            Map<String, Object> where = new LinkedHashMap<>();
            where.put("bindAddress", s.bindAddress());
            where.put("mqtt", backend.mqtt().toString());
            where.put("upload", backend.upload().toString());
            where.put("startedAt", Instant.now().toString());
            JSON.writeValue(s.data().resolve(BACKEND_FILE).toFile(), where);
            return b;
        } catch (IOException | RuntimeException e) {
            backend.close();
            throw e;
        }
    }

    /** {@code tcp://127.0.0.1:PORT}, as a client on this machine reaches the broker. */
    public URI mqtt() {
        return backend.mqtt();
    }

    /** {@code http://127.0.0.1:PORT} ({@code https://} with TLS), as a client on this machine reaches the evidence server. */
    public URI upload() {
        return backend.upload();
    }

    public Settings settings() {
        return settings;
    }

    /** What the evidence server holds so far, on one line. */
    public String status() {
        LedgerCounters c = backend.ledger().snapshot().counters();
        ReadBackStore store = settings.readBack();
        String objects = store == null || store.protocol() == ReadBackStore.Protocol.TUS ? ""
                : String.format("; %d objects stored (%s)", backend.evidence().storedObjects(),
                        store.protocol().name().toLowerCase(java.util.Locale.ROOT));
        return String.format("evidence: %d uploads completed, %d verified, %d corrupt, %d duplicates rejected%s",
                c.completed(), c.verified(), c.corrupt(), c.duplicatesRejected(), objects);
    }

    /** Writes {@code ledger.json}, then stops the evidence server and the broker. Idempotent. */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            JSON.writeValue(settings.data().resolve(LEDGER_FILE).toFile(), backend.ledger().snapshot());
        } finally {
            backend.close();
        }
    }
}
