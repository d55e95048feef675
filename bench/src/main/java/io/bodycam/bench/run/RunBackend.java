package io.bodycam.bench.run;

import io.bodycam.bench.fleet.Slot;
import io.bodycam.backend.ReferenceBackend;
import io.bodycam.backend.tls.ServerTls;
import io.bodycam.backend.broker.EmbeddedBroker;
import io.bodycam.bench.ledger.BackendView;
import io.bodycam.bench.ledger.CameraProofView;
import io.bodycam.bench.ledger.EvidenceLedgerView;
import io.bodycam.bench.ledger.HttpBackendView;
import io.bodycam.bench.ledger.store.StoreReader;
import io.bodycam.bench.pki.ClientTls;
import io.bodycam.bench.pki.FleetPki;
import io.bodycam.bench.pki.PkiLayout;
import io.bodycam.bench.scenario.Backend;
import io.bodycam.bench.scenario.BackendTls;
import io.bodycam.bench.scenario.FaultParams;
import io.bodycam.bench.scenario.Scenario;
import io.bodycam.sim.time.SimClock;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The runner's first step: the backend a run plays against. The embedded reference backend (broker and
 * evidence server in this process, started here and stopped by {@link #close()}), or the external one
 * the scenario names, whose ledger is read over HTTP, or a foreign store (a profile without side services),
 * which the bench reads back itself when it can (S3 and Swift: listings and objects; PUT: each segment's URL) and whose
 * cameras' proofs are counted meanwhile. With {@code backend.tls} the embedded broker asks for
 * mutual TLS and lets each camera use only its own topics; the certificates are made first if missing.
 *
 * @param embedded the embedded backend, or null for an external one
 * @param store    the reader of a foreign store, or null when the bench cannot read it (tus) or reads a ledger
 * @param externalKey an external backend's firmware key ({@link #firmwareKey()}), or null
 */
public record RunBackend(URI mqtt, URI upload, BackendView view, ReferenceBackend embedded, StoreReader store,
                         String externalKey) implements AutoCloseable {


    /** Starts the embedded backend on {@code clock}, or points at the scenario's external one. */
    public static RunBackend start(Scenario scenario, SimClock clock, Path dir, PrintWriter console) {
        RunBackend backend = started(scenario, clock, dir, console);
        return backend.embedded() != null ? backend : backend.withFirmwareKey(FirmwareKeys.external(scenario.backend(), console));
    }

    private static RunBackend started(Scenario scenario, SimClock clock, Path dir, PrintWriter console) {
        if (!scenario.backend().embedded()) {
            URI upload = scenario.backend().upload();
            if (!scenario.backend().profile().referenceServices()) {
                // a foreign store has no GET /evidence: the bench reads it back at the end if it can, the cameras' proofs are counted meanwhile
                StoreReader store = StoreReaders.of(scenario);
                return new RunBackend(scenario.backend().mqtt(), upload, new CameraProofView(store == null
                        ? StoreReaders.unreadable(scenario.backend().profile())
                        : "kept beside the bench's read-back of the store, to compare"), null, store, null);
            }
            BackendView view = scenario.backend().uploadTls() ? new HttpBackendView(upload, observerTls(scenario.backend()))
                    : new HttpBackendView(upload);
            return new RunBackend(scenario.backend().mqtt(), upload, view, null, null, null);
        }
        console.println("starting the embedded reference backend (MQTT broker, evidence server) ...");
        EmbeddedBroker.Builder broker = EmbeddedBroker.builder().persistent(FaultParams.keepsBrokerSessions(scenario));
        BackendTls tls = scenario.backend().tls();
        if (tls != null) {
            ensurePki(scenario, tls.certs(), console);
            broker.tls(ServerTls.fromPki(tls.certs(), true)).ownTopicsOnly(Set.of(PkiLayout.OBSERVER_CN));
        }
        ReferenceBackend embedded = ReferenceBackend.start(clock, broker, VideoRun.evidenceServer(scenario, dir));
        URI mqtt = tls == null ? embedded.mqtt() : URI.create("mqtts://127.0.0.1:" + embedded.broker().port());
        if (scenario.backend().profile().referenceServices()) {
            return new RunBackend(mqtt, embedded.upload(), new EvidenceLedgerView(embedded.ledger()), embedded, null, null);
        }
        // a read-back profile's uploads are proved by the cameras: the embedded store serves no bucket or container listing
        return new RunBackend(mqtt, embedded.upload(), new CameraProofView("the embedded backend's read-back store "
                + "serves the cameras' proofs but no listing, so the bench does not read it back"), embedded, null, null);
    }

    /**
     * Creates the scenario's certificates in {@code certs} unless it already holds a fleet CA: one per camera, and
     * those of its impostors, whose revoked one the CRL lists.
     */
    private static void ensurePki(Scenario scenario, Path certs, PrintWriter console) {
        PkiLayout layout = new PkiLayout(certs);
        if (Files.isRegularFile(layout.caCert())) {
            return;
        }
        List<String> ids = new ArrayList<>(Slot.roster(scenario).stream().map(Slot::deviceId).toList());
        ids.addAll(scenario.impostors().certificateIds());
        try {
            FleetPki.Result r = new FleetPki(Clock.systemUTC()).create(certs, ids, scenario.impostors().revokedIds(),
                    Runtime.getRuntime().availableProcessors());
            console.printf(Locale.ROOT, "created %d camera certificates in %s (%d ms)%n", r.devices(), certs, r.deviceCertificates().toMillis());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the fleet's certificates in " + certs, e);
        }
    }

    /** The observer's TLS context for reading an {@code https://} backend's ledger: the scenario's trust, the observer's certificate. */
    static javax.net.ssl.SSLContext observerTls(Backend backend) {
        return new ClientTls(Objects.requireNonNullElse(backend.tls(), new BackendTls(null, null, true))).observerContext();
    }

    /** The reader of the foreign store, when the bench can read it back. */
    public Optional<StoreReader> readBack() {
        return Optional.ofNullable(store);
    }

    /** The embedded backend, when the run has one. */
    public Optional<ReferenceBackend> reference() {
        return Optional.ofNullable(embedded);
    }

    /**
     * The key whose firmware signatures the cameras trust: the embedded backend's; against an external one,
     * {@code backend.firmwareKey} or the key its firmware service gave ({@link FirmwareKeys}), else none.
     */
    public String firmwareKey() {
        return embedded != null ? embedded.evidence().firmware().publicKey() : externalKey;
    }

    private RunBackend withFirmwareKey(String key) {
        return new RunBackend(mqtt, upload, view, embedded, store, key);
    }

    @Override
    public void close() {
        if (embedded != null) {
            embedded.close();
        }
    }
}
