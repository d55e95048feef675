package io.bodycam.cli;

import io.bodycam.backend.ReferenceBackend;
import io.bodycam.backend.http.Mutant;
import io.bodycam.bench.conform.Capabilities;
import io.bodycam.bench.conform.CaseResult;
import io.bodycam.bench.conform.ConformanceKit;
import io.bodycam.bench.conform.ConformanceReport;
import io.bodycam.bench.conform.Target;
import io.bodycam.bench.conform.Verdict;
import io.bodycam.bench.run.ScenarioRunner;
import io.bodycam.sim.time.WallClock;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bodycam conform}: the conformance kit against a backend (docs/conformance.md). Without
 * {@code --mqtt} and {@code --upload} it judges the embedded reference backend, which claims every
 * capability it has. Exit 0 when every applicable case passed, 1 when one failed, 2 for bad input, 3 when
 * the kit could not run.
 */
@Command(name = "conform", description = "Run the conformance kit against a backend: numbered cases, each PASS, FAIL or"
        + " NOT APPLICABLE with the requests and answers that decided it.")
final class ConformCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--mqtt", paramLabel = "URI", description = "the backend's broker, tcp://host:port")
    URI mqtt;

    @Option(names = "--upload", paramLabel = "URI", description = "the backend's HTTP base (tus at /files/), http://host:port")
    URI upload;

    @Option(names = "--claims", paramLabel = "LIST", split = ",",
            description = "capabilities the backend claims: checksum, verdict, termination, topic-acl, max-size, head-deadline"
                    + " (the contract's 30 s), time (default: none; against the embedded backend: all but topic-acl);"
                    + " firmware and broker-restart need a capability file")
    String[] claims;

    @Option(names = "--capabilities", paramLabel = "FILE",
            description = "a capability file (YAML): the capabilities the backend claims and the bounds it promises"
                    + " (docs/conformance.md); instead of --claims")
    Path capabilities;

    @Option(names = "--mutant", paramLabel = "NAME", split = ",",
            description = "start the embedded backend with deliberate defects, to watch the kit catch them: ${COMPLETION-CANDIDATES}")
    Mutant[] mutants;

    @Option(names = "--case", paramLabel = "ID", split = ",",
            description = "run only these cases, e.g. MQTT-RESTART-01 (default: every case)")
    String[] only;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "conformance",
            description = "where conformance.json, conformance-junit.xml and conformance.html go (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--seed", defaultValue = "1", description = "fixes the bytes the cases send (default: ${DEFAULT-VALUE})")
    long seed;

    @Override
    public Integer call() {
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if ((mqtt == null) != (upload == null)) {
            err.println("bodycam conform: give both --mqtt and --upload, or neither for the embedded reference backend");
            return ScenarioRunner.BAD_INPUT;
        }
        if (mutants != null && mqtt != null) {
            err.println("bodycam conform: --mutant applies to the embedded reference backend only");
            return ScenarioRunner.BAD_INPUT;
        }
        if (claims != null && capabilities != null) {
            err.println("bodycam conform: give --claims or --capabilities, not both");
            return ScenarioRunner.BAD_INPUT;
        }
        if (only != null) {
            Set<String> known = ConformanceKit.cases().stream().map(c -> c.id()).collect(java.util.stream.Collectors.toSet());
            for (String id : only) {
                if (!known.contains(id)) {
                    err.println("bodycam conform: --case: no case '" + id + "' in the kit (docs/conformance.md lists them)");
                    return ScenarioRunner.BAD_INPUT;
                }
            }
        }
        Capabilities file;
        try {
            file = capabilities == null ? null : Capabilities.read(capabilities);
        } catch (IOException e) {
            err.println("bodycam conform: cannot read " + capabilities + ": " + e.getMessage());
            return ScenarioRunner.BAD_INPUT;
        } catch (IllegalArgumentException e) {
            err.println("bodycam conform: " + e.getMessage());
            return ScenarioRunner.BAD_INPUT;
        }
        ReferenceBackend embedded = null;
        Target target;
        try {
            Set<String> claimed = claims == null ? null : new LinkedHashSet<>(Arrays.asList(claims));
            if (mqtt == null) {
                Set<Mutant> defects = mutants == null ? Set.of() : Set.copyOf(Arrays.asList(mutants));
                embedded = ReferenceBackend.start(WallClock.realTime(), ConformanceKit.referenceBroker(defects),
                        ConformanceKit.referenceSettings(defects));
                target = file != null ? embeddedRestart(file.target(embedded.mqtt(), embedded.upload()), embedded)
                        : ConformanceKit.reference(embedded, claimed != null ? claimed : ConformanceKit.REFERENCE_CLAIMS);
                o.println("bodycam conform: the embedded reference backend" + (defects.isEmpty() ? "" : " with mutants " + defects)
                        + ", " + target.mqtt() + " and " + target.upload());
            } else {
                target = file != null ? file.target(mqtt, upload) : new Target(mqtt, upload, claimed != null ? claimed : Set.of());
                o.println("bodycam conform: " + target.mqtt() + " and " + target.upload());
            }
        } catch (IllegalArgumentException e) {
            err.println("bodycam conform: " + e.getMessage());
            return ScenarioRunner.BAD_INPUT;
        } catch (RuntimeException e) {
            err.println("bodycam conform: cannot start the embedded backend: " + e.getMessage());
            return ScenarioRunner.CANNOT_RUN;
        }
        o.println("  claims: " + (target.capabilities().isEmpty() ? "nothing optional" : String.join(", ", target.capabilities().stream().sorted().toList()))
                + (target.claims(Target.HEAD_DEADLINE) ? " (head deadline " + target.headDeadline().toMillis() + " ms)" : ""));
        o.flush();
        try {
            ConformanceReport report = only == null ? ConformanceKit.run(target, seed, r -> print(o, r))
                    : ConformanceKit.run(target, seed, Set.copyOf(Arrays.asList(only)), r -> print(o, r));
            report.write(out);
            o.printf("bodycam conform: %s: %s%n  evidence  %s%n  junit     %s%n  html      %s%n", report.passed() ? "PASSED" : "FAILED",
                    report.tally(), out.resolve("conformance.json"), out.resolve("conformance-junit.xml"), out.resolve("conformance.html"));
            return report.passed() ? ScenarioRunner.PASSED : ScenarioRunner.ASSERTION_FAILED;
        } catch (IOException e) {
            err.println("bodycam conform: cannot write " + out + ": " + e.getMessage());
            return ScenarioRunner.CANNOT_RUN;
        } finally {
            o.flush();
            if (embedded != null) {
                embedded.close();
            }
        }
    }

    /** {@code t} restarting the embedded broker itself, whatever command a capability file names for broker-restart. */
    private static Target embeddedRestart(Target t, ReferenceBackend embedded) {
        return t.brokerRestart() == null ? t : new Target(t.mqtt(), t.upload(), t.capabilities(), t.headDeadline(), t.firmwareDevice(),
                ConformanceKit.restartOf(embedded.broker()));
    }

    private static void print(PrintWriter o, CaseResult r) {
        String mark = switch (r.verdict()) {
            case PASS -> "PASS";
            case FAIL -> "FAIL";
            case NOT_APPLICABLE -> "n/a ";
        };
        o.printf("  %s  %-21s %s%n", mark, r.id(), r.title());
        if (r.verdict() == Verdict.FAIL) {
            o.println("        " + r.evidence().substring(r.evidence().lastIndexOf('\n') + 1));
        }
        o.flush();
    }
}
