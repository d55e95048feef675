package io.bodycam.cli;

import io.bodycam.bench.fleet.Shard;
import io.bodycam.bench.reproduce.Shrinker;
import io.bodycam.bench.run.Endpoint;
import io.bodycam.bench.run.ScenarioRunner;
import io.bodycam.bench.run.SimulatedRun;
import io.bodycam.bench.scenario.Scenario;
import io.bodycam.bench.scenario.ScenarioLoader;
import io.bodycam.bench.scenario.yaml.ScenarioException;
import io.bodycam.bench.scenario.yaml.Substitutions;
import io.bodycam.record.RecordException;
import io.bodycam.record.RunRecord;
import io.bodycam.reports.ConsoleSummary;
import io.bodycam.reports.JunitXmlReport;
import io.bodycam.reports.html.ComparisonReport;
import io.bodycam.reports.html.HtmlReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The {@code bodycam} command line: run a scenario, check scenario files, rebuild a report. Exit codes
 * (docs/design.md#exit-codes): 0 all assertions hold, 1 an assertion failed, 2 bad input, 3 the run
 * could not be carried out.
 */
@Command(name = "bodycam", mixinStandardHelpOptions = true, version = "bodycam-bench 0.1.0",
        description = "Virtual body-worn camera fleet and test bench.",
        subcommands = {BodycamCli.Run.class, BodycamCli.Validate.class, BodycamCli.Report.class, DensityCommand.class,
                BackendCommand.class, ClipCommand.class, DeviceCommand.class, ConformCommand.class, ContractCommand.class, PkiCommand.class,
                ShrinkCommand.class, ReplayCommand.class})
public final class BodycamCli {

    private BodycamCli() {
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line on the process's stdout and stderr and returns its exit code. */
    public static int execute(String... args) {
        return execute(new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true),
                new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true), args);
    }

    /** Runs the command line writing to {@code out} and {@code err} (tests read them). */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = new CommandLine(new BodycamCli());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("bodycam: " + e.getMessage());
            return ScenarioRunner.CANNOT_RUN;
        });
        try {
            return cl.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** Loads a scenario, printing problems the way compilers do; null when it is not valid. */
    static Scenario load(Path file, Map<String, String> overrides, PrintWriter err) {
        try {
            return ScenarioLoader.load(file, Substitutions.of(overrides));
        } catch (ScenarioException e) {
            err.println(e.getMessage());
            return null;
        }
    }

    @Command(name = "run", description = "Run a scenario and judge the backend.")
    static final class Run implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "FILE", description = "the scenario (YAML)")
        Path file;

        @Option(names = "--out", paramLabel = "DIR", description = "the run folder (default: runs/<name>-<time>)")
        Path out;

        @Option(names = "--threads", paramLabel = "N", description = "event loop threads for the fleet (default: one per core)")
        int threads;

        @Option(names = "--set", paramLabel = "PATH=VALUE", description = "override one value of the scenario, e.g. --set duration=10m --set fleet[0].count=20")
        Map<String, String> overrides = new LinkedHashMap<>();

        @Option(names = "--metrics-port", paramLabel = "PORT",
                description = "serve the run's meters for Prometheus at http://127.0.0.1:PORT/metrics during the run")
        Integer metricsPort;

        @Option(names = "--metrics-bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
                description = "the address --metrics-port listens on (default: ${DEFAULT-VALUE}; 0.0.0.0 in a container)")
        String metricsBind;

        @Option(names = "--shard", paramLabel = "i/N", description = "run only shard i of N (0-based): the cameras whose"
                + " fleet index k has (k-1) mod N = i, with their seeds and timeline times from the whole fleet")
        String shard;

        @Option(names = "--start-at", paramLabel = "INSTANT", description = "begin the timeline at this wall instant"
                + " (ISO-8601 with offset, e.g. 2026-12-06T22:00:00Z), waiting for it once ready: shards given the same"
                + " instant run as one timeline")
        String startAt;

        @Option(names = "--no-input-log", description = "do not write inputs.jsonl, each camera's inputs for bodycam replay"
                + " (it costs about 25 kB and a little CPU per camera and virtual hour: docs/reproduce.md#the-input-log)")
        boolean noInputLog;

        @Mixin
        ServeOptions serve = new ServeOptions();

        @Override
        public Integer call() throws IOException {
            PrintWriter err = spec.commandLine().getErr();
            Scenario scenario = load(file, overrides, err);
            if (scenario == null) {
                return ScenarioRunner.BAD_INPUT;
            }
            if (threads < 0 || threads > 256) {
                err.println("bodycam run: --threads must be 0..256, was " + threads);
                return ScenarioRunner.BAD_INPUT;
            }
            if (scenario.clockMode() == Scenario.ClockMode.SIMULATED) {
                return simulated(scenario, err);
            }
            if (metricsPort != null && (metricsPort < 1 || metricsPort > 65535)) {
                err.println("bodycam run: --metrics-port must be 1..65535, was " + metricsPort);
                return ScenarioRunner.BAD_INPUT;
            }
            Shard slice;
            try {
                slice = shard == null ? Shard.WHOLE : Shard.parse(shard);
            } catch (IllegalArgumentException e) {
                err.println("bodycam run: --shard: " + e.getMessage());
                return ScenarioRunner.BAD_INPUT;
            }
            Instant sharedStart = null;
            if (startAt != null) {
                try {
                    sharedStart = OffsetDateTime.parse(startAt.strip()).toInstant();
                } catch (DateTimeParseException e) {
                    err.println("bodycam run: --start-at must be an instant with its offset, like 2026-12-06T22:00:00Z, was '"
                            + startAt + "'");
                    return ScenarioRunner.BAD_INPUT;
                }
                if (sharedStart.isBefore(Instant.now())) {
                    err.println("bodycam run: --start-at " + startAt + " has passed; give an instant far enough ahead for"
                            + " every shard to get ready (a minute, for a few thousand cameras)");
                    return ScenarioRunner.BAD_INPUT;
                }
            }
            Endpoint ui;
            Endpoint control;
            try {
                ui = serve.ui();
                control = serve.control();
            } catch (IllegalArgumentException e) {
                err.println("bodycam run: " + e.getMessage());
                return ScenarioRunner.BAD_INPUT;
            }
            PrintWriter console = spec.commandLine().getOut();
            ScenarioRunner.Result r = ScenarioRunner.run(scenario, new ScenarioRunner.Options(out, Path.of("runs"),
                    recordedText(), console, System.console() != null, threads,
                    metricsPort == null ? null : new InetSocketAddress(metricsBind, metricsPort), slice, ui, control, sharedStart,
                    !noInputLog));
            if (r.exitCode() == ScenarioRunner.CANNOT_RUN || r.exitCode() == ScenarioRunner.BAD_INPUT) {
                err.println("bodycam run: " + r.message());
                return r.exitCode();
            }
            return report(r.dir(), console, err, false);
        }

        /**
         * The scenario as the run record keeps it: the file, then one {@code # --set path=value} line per override,
         * so that the record says how the run was made and {@code bodycam shrink} can play it again.
         */
        private String recordedText() throws IOException {
            StringBuilder text = new StringBuilder(Files.readString(file, StandardCharsets.UTF_8));
            if (!overrides.isEmpty()) {
                if (text.length() > 0 && text.charAt(text.length() - 1) != '\n') {
                    text.append('\n');
                }
                text.append("# bodycam run was given:\n");
                overrides.forEach((path, value) -> text.append(Shrinker.SET_LINE).append(path).append('=').append(value).append('\n'));
            }
            return text.toString();
        }

        /** {@code clock.mode: simulated} (docs/reproduce.md): one discrete-event clock, no sockets, no wall time. */
        private int simulated(Scenario scenario, PrintWriter err) throws IOException {
            List<String> given = new ArrayList<>();
            if (metricsPort != null) {
                given.add("--metrics-port");
            }
            if (shard != null) {
                given.add("--shard");
            }
            if (startAt != null) {
                given.add("--start-at");
            }
            if (serve.ui() != null || serve.control() != null) {
                given.add("--ui/--control");
            }
            if (threads != 0) {
                given.add("--threads");
            }
            if (!given.isEmpty()) {
                err.println("bodycam run: " + String.join(", ", given) + " apply to real-network runs; a simulated run"
                        + " (clock.mode: simulated) has no wall clock to serve or share, and runs on one thread");
                return ScenarioRunner.BAD_INPUT;
            }
            Path dir = out != null ? out : Path.of("runs", scenario.name() + "-sim-"
                    + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
            PrintWriter console = spec.commandLine().getOut();
            ScenarioRunner.Result r = SimulatedRun.run(scenario, dir, recordedText(), console);
            if (r.exitCode() == ScenarioRunner.CANNOT_RUN || r.exitCode() == ScenarioRunner.BAD_INPUT) {
                err.println("bodycam run: " + r.message());
                return r.exitCode();
            }
            return report(r.dir(), console, err, true);
        }

        /**
         * Builds junit.xml and report.html from the run's record and prints its summary; the exit code of its verdict.
         * A simulated run has no report.html: it samples no wall-clock time series to chart.
         */
        private static int report(Path dir, PrintWriter console, PrintWriter err, boolean simulated) {
            try {
                RunRecord written = RunRecord.open(dir);
                JunitXmlReport.write(written);
                String report = simulated ? "not written for a simulated run (no time series to chart); summary.json,"
                        + " ledger.jsonl and junit.xml are" : htmlReport(written);
                console.print(ConsoleSummary.render(written));
                console.println("  report      " + report);
                console.flush();
                return written.passed() ? ScenarioRunner.PASSED : ScenarioRunner.ASSERTION_FAILED;
            } catch (RuntimeException e) {
                err.println("bodycam run: the run could not be carried out: " + ScenarioRunner.describe(e));
                return ScenarioRunner.CANNOT_RUN;
            }
        }
    }

    /** Writes report.html; a record it refuses (a run shorter than a second, say) fails nothing: the reason is shown instead. */
    static String htmlReport(RunRecord record) {
        try {
            return HtmlReport.write(record).toString();
        } catch (RecordException e) {
            return "not written: " + e.getMessage();
        }
    }

    @Command(name = "validate", description = "Check scenario files without running them.")
    static final class Validate implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(arity = "1..*", paramLabel = "FILE", description = "scenario files")
        List<Path> files;

        @Option(names = "--set", paramLabel = "PATH=VALUE", description = "override one value, as for run")
        Map<String, String> overrides = new LinkedHashMap<>();

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            int bad = 0;
            for (Path f : files) {
                Scenario s = load(f, overrides, err);
                java.util.Optional<String> refusal = s == null ? java.util.Optional.empty()
                        : s.clockMode() == Scenario.ClockMode.SIMULATED ? SimulatedRun.refusal(s) : ScenarioRunner.refusal(s);
                if (refusal.isPresent()) {
                    err.println(f + ": valid, but cannot run in this version: " + refusal.get());
                }
                if (s == null || refusal.isPresent()) {
                    bad++;
                } else {
                    out.printf("%s: ok (%s, %d cameras, %d timeline events, %d assertions)%n", f, s.name(),
                            s.cameraCount(), s.timeline().size(), s.assertions().size());
                }
            }
            return bad == 0 ? 0 : ScenarioRunner.BAD_INPUT;
        }
    }

    @Command(name = "report", subcommands = ReportMergeCommand.class, description = {
            "Rebuild the reports of a finished run from its record (report.html, junit.xml),",
            "compare two runs side by side (--compare RUN_A RUN_B): exit 1 when B regressed,",
            "merge the records of a run's shards (report merge RUN_DIR... [--out DIR]),",
            "or replay a finished run on the live dashboard (--ui-port PORT RUN_DIR) until Ctrl-C."})
    static final class Report implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", arity = "0..1", paramLabel = "RUN_DIR", description = "a run folder (runs/<name>-<time>)")
        Path dir;

        @Option(names = "--compare", arity = "2", paramLabel = "RUN", description = "two run folders: the baseline, then the candidate")
        List<Path> compare;

        @Option(names = "--out", paramLabel = "FILE", description = "where --compare writes its HTML (default: RUN_B/compare.html)")
        Path out;

        @Mixin
        ServeOptions serve = new ServeOptions();

        @Override
        public Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            if ((dir == null) == (compare == null)) {
                err.println("bodycam report: give either RUN_DIR or --compare RUN_A RUN_B");
                return ScenarioRunner.BAD_INPUT;
            }
            try {
                if (serve.uiPort != null) {
                    if (dir == null) {
                        err.println("bodycam report: --ui-port replays one run: give RUN_DIR");
                        return ScenarioRunner.BAD_INPUT;
                    }
                    return ReplayServer.serve(dir, serve.ui(), spec.commandLine().getOut());
                }
                return compare != null ? compare() : rebuild();
            } catch (RecordException | IllegalArgumentException e) {
                err.println("bodycam report: " + e.getMessage());
                return ScenarioRunner.BAD_INPUT;
            }
        }

        private int rebuild() {
            RunRecord record = RunRecord.open(dir);
            Path junit = JunitXmlReport.write(record);
            Path html = HtmlReport.write(record);
            PrintWriter o = spec.commandLine().getOut();
            o.print(ConsoleSummary.render(record));
            o.println("  wrote       " + junit);
            o.println("  wrote       " + html);
            return 0;
        }

        private int compare() {
            RunRecord a = RunRecord.open(compare.get(0));
            RunRecord b = RunRecord.open(compare.get(1));
            Path file = out != null ? out : b.dir().resolve("compare.html");
            ComparisonReport.Result r = ComparisonReport.write(a, b, file);
            PrintWriter o = spec.commandLine().getOut();
            o.print(r.text());
            o.println("  wrote       " + file);
            return r.regressions() == 0 ? 0 : ScenarioRunner.ASSERTION_FAILED;
        }
    }
}
