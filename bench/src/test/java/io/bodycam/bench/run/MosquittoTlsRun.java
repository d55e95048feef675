package io.bodycam.bench.run;

import io.bodycam.backend.http.DeviceConfigStore;
import io.bodycam.backend.http.EvidenceLedger;
import io.bodycam.backend.http.EvidenceServer;
import io.bodycam.backend.http.EvidenceServerConfig;
import io.bodycam.backend.tls.ServerTls;
import io.bodycam.bench.fleet.Shard;
import io.bodycam.bench.pki.PkiLayout;
import io.bodycam.bench.scenario.Scenario;
import io.bodycam.bench.scenario.ScenarioLoader;
import io.bodycam.bench.scenario.yaml.Substitutions;
import io.bodycam.bench.testing.MosquittoTls;
import io.bodycam.sim.time.WallClock;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A shipped scenario that reads {@code BODYCAM_PKI}, {@code BODYCAM_MQTTS} and {@code BODYCAM_UPLOAD}, run
 * as docs/security.md runs it: Debian's Mosquitto configured for the pki's certificates, a reference
 * evidence server for the uploads (plain, or over mutual TLS with the pki's certificates as
 * {@code bodycam backend --upload-pki} serves them); what the Mosquitto TLS scenario tests share.
 *
 * @param console   what the run printed
 * @param brokerLog Mosquitto's log at the end of the run
 */
record MosquittoTlsRun(ScenarioRunner.Result result, String console, String brokerLog) {

    /**
     * Runs {@code file} (relative to the repository) with its record in {@code dir/run}; {@code mutualUploads}:
     * the evidence server asks for the pki's client certificates.
     */
    static MosquittoTlsRun of(String file, PkiLayout pki, Path dir, boolean mutualUploads) throws Exception {
        Path scenario = Path.of("..").toAbsolutePath().normalize().resolve(file);
        WallClock clock = WallClock.startingAt(System.currentTimeMillis(), 1, lag -> { });
        try (MosquittoTls broker = MosquittoTls.start(pki, dir.resolve("mosquitto"));
             EvidenceServer evidence = new EvidenceServer(clock, new EvidenceLedger(), new DeviceConfigStore(),
                     EvidenceServerConfig.builder().tls(mutualUploads ? ServerTls.fromPki(pki.dir(), true) : null).build()).start()) {
            Map<String, String> env = Map.of("BODYCAM_PKI", pki.dir().toString(), "BODYCAM_MQTTS", broker.url().toString(),
                    "BODYCAM_UPLOAD", evidence.uri().toString());
            Scenario s = ScenarioLoader.load(scenario, new Substitutions(env::get, Map.of()));
            StringWriter console = new StringWriter();
            ScenarioRunner.Result r = ScenarioRunner.run(s, new ScenarioRunner.Options(dir.resolve("run"), dir,
                    Files.readString(scenario), new PrintWriter(console), false, 0, null, Shard.WHOLE));
            return new MosquittoTlsRun(r, console.toString(), broker.log());
        }
    }
}
