package io.bodycam.bench.api;

import io.bodycam.bench.conform.Capabilities;
import io.bodycam.bench.conform.ConformanceKit;
import io.bodycam.bench.conform.ConformanceReport;
import io.bodycam.bench.conform.Target;
import io.bodycam.bench.fleet.Shard;
import io.bodycam.bench.run.ScenarioRunner;
import io.bodycam.bench.run.Timing;
import io.bodycam.bench.scenario.Backend;
import io.bodycam.bench.scenario.Scenario;
import io.bodycam.bench.scenario.ScenarioLoader;
import io.bodycam.bench.scenario.yaml.ScenarioException;
import io.bodycam.bench.scenario.yaml.Substitutions;
import io.bodycam.record.RunRecord;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Runs a scenario from Java, as {@code bodycam run} does, and hands back the run's record. A vendor's
 * test builds one, points it at its backend and asserts on the result:
 *
 * <pre>{@code
 * BenchRun run = Bench.scenario(Path.of("fleet.yaml"))
 *         .set("fleet[0].count", "20")
 *         .against(URI.create("tcp://127.0.0.1:1883"), URI.create("http://127.0.0.1:8080"))
 *         .run();
 * assertTrue(run.passed(), run.failures().toString());
 * assertEquals(0, run.metric("evidence.lost"));
 * }</pre>
 *
 * Without {@link #against} the scenario's own {@code backend} applies (the embedded reference backend
 * by default). A scenario that does not load throws {@link IllegalArgumentException} with every problem
 * at its file:line:column; a run that could not be carried out throws {@link IllegalStateException}.
 */
public final class Bench {

    private final String source;
    private final String text;
    private final Map<String, String> overrides = new LinkedHashMap<>();
    private Path out;
    private URI mqtt;
    private URI upload;
    private PrintWriter console = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);

    private Bench(String source, String text) {
        this.source = source;
        this.text = text;
    }

    /** A scenario file. */
    public static Bench scenario(Path file) {
        try {
            return new Bench(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the scenario " + file, e);
        }
    }

    /** A scenario written inline; {@code name} stands for its file in error messages. */
    public static Bench scenario(String name, String yaml) {
        return new Bench(Objects.requireNonNull(name, "name"), Objects.requireNonNull(yaml, "yaml"));
    }

    /** Overrides one value, as {@code --set PATH=VALUE} does ({@code duration}, {@code fleet[0].count}). */
    public Bench set(String path, String value) {
        overrides.put(Objects.requireNonNull(path, "path"), Objects.requireNonNull(value, "value"));
        return this;
    }

    /**
     * Runs against an external backend, its MQTT broker and its evidence service, in place of the
     * scenario's own (its MQTT version and credentials stay).
     */
    public Bench against(URI mqtt, URI upload) {
        this.mqtt = Objects.requireNonNull(mqtt, "mqtt");
        this.upload = Objects.requireNonNull(upload, "upload");
        return this;
    }

    /** The run folder (default: a fresh one under {@code runs/}). */
    public Bench out(Path dir) {
        this.out = dir;
        return this;
    }

    /** Where the progress lines go (default: standard output). */
    public Bench console(PrintWriter writer) {
        this.console = Objects.requireNonNull(writer, "writer");
        return this;
    }

    /** The scenario as it will run, with the overrides applied. */
    public Scenario load() {
        Scenario s;
        try {
            s = ScenarioLoader.parse(source, text, Substitutions.of(overrides));
        } catch (ScenarioException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        if (mqtt == null) {
            return s;
        }
        Backend own = s.backend();
        Backend external = Backend.external(mqtt, upload, own.mqttVersion()).withCredentials(own.username(), own.password())
                .withProfile(own.profile()).withFirmwareKey(own.firmwareKey()).withTls(own.tls());
        return s.withBackend(external);
    }

    /** Runs the scenario on the wall clock at its speed and returns its record, passed or not. */
    public BenchRun run() {
        Scenario scenario = load();
        ScenarioRunner.Result r = ScenarioRunner.run(scenario, new ScenarioRunner.Options(out, Path.of("runs"), text, console,
                false, 0, null, Shard.WHOLE), Timing.wall());
        if (r.exitCode() == ScenarioRunner.CANNOT_RUN || r.exitCode() == ScenarioRunner.BAD_INPUT) {
            throw new IllegalStateException("the run could not be carried out: " + r.message());
        }
        return new BenchRun(RunRecord.open(r.dir()));
    }

    /**
     * Runs the conformance kit (docs/conformance.md) against a backend that claims {@code capabilities}
     * (any of {@link Target#CAPABILITIES} but {@code firmware} and {@code broker-restart}, which need a capability file; a claimed
     * {@code head-deadline} is the contract's 30 s); {@code progress} hears each case as it ends.
     */
    public static ConformanceReport conform(URI mqtt, URI upload, Set<String> capabilities, long seed,
                                            Consumer<io.bodycam.bench.conform.CaseResult> progress) {
        return ConformanceKit.run(new Target(mqtt, upload, capabilities), seed, progress);
    }

    /**
     * As {@link #conform(URI, URI, Set, long, Consumer)}, with the claims and bounds of a capability file
     * ({@link Capabilities#read}).
     */
    public static ConformanceReport conform(URI mqtt, URI upload, Capabilities capabilities, long seed,
                                            Consumer<io.bodycam.bench.conform.CaseResult> progress) {
        return ConformanceKit.run(capabilities.target(mqtt, upload), seed, progress);
    }
}
