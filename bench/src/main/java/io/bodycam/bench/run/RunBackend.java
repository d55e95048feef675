package io.bodycam.bench.run;

import io.bodycam.backend.ReferenceBackend;
import io.bodycam.backend.broker.EmbeddedBroker;
import io.bodycam.bench.ledger.BackendView;
import io.bodycam.bench.ledger.CameraProofView;
import io.bodycam.bench.ledger.EvidenceLedgerView;
import io.bodycam.bench.ledger.HttpBackendView;
import io.bodycam.bench.scenario.FaultParams;
import io.bodycam.bench.scenario.Scenario;
import io.bodycam.sim.time.SimClock;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The runner's first step: the backend a run plays against. The embedded reference backend (broker and
 * evidence server in this process, started here and stopped by {@link #close()}), or the external one
 * the scenario names, whose ledger is read over HTTP.
 *
 * @param embedded the embedded backend, or null for an external one
 */
public record RunBackend(URI mqtt, URI upload, BackendView view, ReferenceBackend embedded) implements AutoCloseable {

    /** Starts the embedded backend on {@code clock}, or points at the scenario's external one. */
    public static RunBackend start(Scenario scenario, SimClock clock, Path dir, PrintWriter console) {
        if (!scenario.backend().embedded()) {
            URI upload = scenario.backend().upload();
            // a foreign store has no GET /evidence: the cameras' proofs are what can be counted
            BackendView view = scenario.backend().profile().services() ? new HttpBackendView(upload) : new CameraProofView();
            return new RunBackend(scenario.backend().mqtt(), upload, view, null);
        }
        console.println("starting the embedded reference backend (MQTT broker, evidence server) ...");
        ReferenceBackend embedded = ReferenceBackend.start(clock,
                EmbeddedBroker.builder().persistent(FaultParams.keepsBrokerSessions(scenario)),
                VideoRun.evidenceServer(scenario, dir));
        return new RunBackend(embedded.mqtt(), embedded.upload(), new EvidenceLedgerView(embedded.ledger()), embedded);
    }

    /** The embedded backend, when the run has one. */
    public Optional<ReferenceBackend> reference() {
        return Optional.ofNullable(embedded);
    }

    /** The key whose firmware signatures the cameras trust: the embedded backend's; none against an external one. */
    public String firmwareKey() {
        return embedded == null ? null : embedded.evidence().firmware().publicKey();
    }

    @Override
    public void close() {
        if (embedded != null) {
            embedded.close();
        }
    }
}
