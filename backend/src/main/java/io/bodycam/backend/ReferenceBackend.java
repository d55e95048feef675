package io.bodycam.backend;

import io.bodycam.backend.broker.EmbeddedBroker;
import io.bodycam.backend.http.DeviceConfigStore;
import io.bodycam.backend.http.EvidenceLedger;
import io.bodycam.backend.http.EvidenceServer;
import io.bodycam.backend.http.EvidenceServerConfig;
import io.bodycam.sim.time.SimClock;

import java.net.URI;

/**
 * The embedded reference backend: an MQTT broker and the evidence server, in this process, on free
 * loopback ports (docs/design.md#reference-backend). What it holds is asked through {@link #ledger()}.
 * The fleet observer is the bench's, started beside it, since it watches external brokers too.
 */
public final class ReferenceBackend implements AutoCloseable {

    private final EmbeddedBroker broker;
    private final EvidenceServer evidence;

    private ReferenceBackend(EmbeddedBroker broker, EvidenceServer evidence) {
        this.broker = broker;
        this.evidence = evidence;
    }

    /** Starts the broker and the evidence server; the evidence server answers {@code /time} in virtual time. */
    public static ReferenceBackend start(SimClock clock) {
        return start(clock, EmbeddedBroker.builder(), EvidenceServerConfig.defaults());
    }

    /** As {@link #start(SimClock)}, with the broker's and the evidence server's ports and bind addresses given. */
    public static ReferenceBackend start(SimClock clock, EmbeddedBroker.Builder brokerSettings,
                                         EvidenceServerConfig evidenceSettings) {
        EmbeddedBroker broker = brokerSettings.build();
        try {
            broker.start();
            EvidenceServer evidence = new EvidenceServer(clock, new EvidenceLedger(evidenceSettings.mutants()), new DeviceConfigStore(),
                    evidenceSettings).start();
            return new ReferenceBackend(broker, evidence);
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
    }

    public URI mqtt() {
        return URI.create(broker.url());
    }

    public URI upload() {
        return evidence.uri();
    }

    public EmbeddedBroker broker() {
        return broker;
    }

    public EvidenceServer evidence() {
        return evidence;
    }

    public EvidenceLedger ledger() {
        return evidence.ledger();
    }

    @Override
    public void close() {
        try {
            evidence.close();
        } finally {
            broker.close();
        }
    }
}
