package io.bodycam.cli;

import io.bodycam.bench.pki.FleetPki;
import io.bodycam.bench.fleet.Slot;
import io.bodycam.bench.scenario.FleetGroup;
import io.bodycam.bench.scenario.Impostors;
import io.bodycam.bench.scenario.Scenario;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code bodycam pki}: certificates for a fleet (docs/security.md). */
@Command(name = "pki", description = "Certificates for a fleet: CA, one per camera, server, observer (docs/security.md).",
        subcommands = PkiCommand.Create.class)
final class PkiCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 2;
    }

    @Command(name = "create", description = {
            "Write a fleet CA, a certificate per camera (subject CN = device id), a server certificate for",
            "localhost/127.0.0.1, an observer certificate and foreign-CA/expired certificates for negative tests."})
    static final class Create implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "where to write (layout in DIR/manifest.yaml)")
        Path out;

        @Option(names = "--scenario", paramLabel = "FILE", description = "one certificate per camera of this scenario's fleet (its idPatterns), and its impostors' (IMPOSTOR-REVOKED revoked)")
        Path scenario;

        @Option(names = "--cameras", paramLabel = "N", description = "without --scenario: how many cameras")
        Integer cameras;

        @Option(names = "--id-pattern", defaultValue = "CAM-{index:0000}", description = "with --cameras: device ids (default: ${DEFAULT-VALUE})")
        String idPattern;

        @Option(names = "--revoke", split = ",", paramLabel = "ID", description = "device ids the CRL (crl.pem) revokes")
        List<String> revoke = new ArrayList<>();

        @Option(names = "--impostors", description = "with --cameras: also the impostors' certificates "
                + "(IMPOSTOR-REVOKED, revoked by the CRL; IMPOSTOR-TOPIC; IMPOSTOR-WILL; IMPOSTOR-UPLOAD; docs/security.md#impostors)")
        boolean impostors;

        @Option(names = "--threads", defaultValue = "0", description = "workers (default: one per core)")
        int threads;

        @Override
        public Integer call() throws Exception {
            PrintWriter err = spec.commandLine().getErr();
            List<String> ids;
            if (scenario != null) {
                Scenario s = BodycamCli.load(scenario, Map.of(), err);
                if (s == null) {
                    return 2;
                }
                ids = new ArrayList<>(Slot.roster(s).stream().map(Slot::deviceId).toList());
                ids.addAll(s.impostors().certificateIds());
                revoke.addAll(s.impostors().revokedIds());
            } else if (cameras != null) {
                List<String> made;
                try {
                    FleetGroup g = FleetGroup.builder("pki").count(cameras).idPattern(idPattern).build();
                    made = new ArrayList<>(cameras);
                    for (int i = 1; i <= cameras; i++) {
                        made.add(g.deviceId(i));
                    }
                } catch (IllegalArgumentException e) {
                    err.println("bodycam pki create: " + e.getMessage());
                    return 2;
                }
                if (impostors) {
                    Impostors all = Impostors.everyKind(Duration.ZERO);
                    made.addAll(all.certificateIds());
                    revoke.addAll(all.revokedIds());
                }
                ids = made;
            } else {
                err.println("bodycam pki create: give --cameras N or --scenario FILE");
                return 2;
            }
            int workers = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
            FleetPki.Result r;
            try {
                r = new FleetPki(Clock.systemUTC()).create(out, ids, new LinkedHashSet<>(revoke), workers);
            } catch (IllegalArgumentException e) {
                err.println("bodycam pki create: " + e.getMessage());
                return 2;
            }
            double ms = r.deviceCertificates().toNanos() / 1e6;
            spec.commandLine().getOut().printf(Locale.ROOT,
                    "%d device certificates (EC P-256) in %.1f s (%.2f ms each, %d threads); CA, server and observer in %s%n",
                    r.devices(), ms / 1000, ms / r.devices(), workers, out);
            return 0;
        }
    }
}
