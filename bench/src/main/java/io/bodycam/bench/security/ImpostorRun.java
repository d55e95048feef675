package io.bodycam.bench.security;

import io.bodycam.bench.fleet.Slot;
import io.bodycam.bench.pki.PkiLayout;
import io.bodycam.bench.scenario.FleetGroup;
import io.bodycam.bench.scenario.ImpostorKind;
import io.bodycam.bench.scenario.Impostors;
import io.bodycam.bench.scenario.Scenario;
import io.bodycam.sim.time.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A run's impostors: at the scenario's virtual time the attempts are handed to a thread of their own (they
 * block on sockets, so never on a camera's event loop), one after another, and each outcome is counted.
 * {@link #finish} makes them now if the run ended first, waits for the last, and gives the
 * {@code security.*} metrics (docs/metrics.md#security).
 */
public final class ImpostorRun implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ImpostorRun.class);
    /** Longest wait at the end for attempts still under way: each takes at most a connect timeout and the witness's wait. */
    private static final Duration FINISH_WAIT = Duration.ofSeconds(90);
    /** How long the witness waits for an impostor's message before calling it refused (loopback delivery takes milliseconds). */
    private static final Duration WITNESS_WAIT = Duration.ofSeconds(3);

    private final Impostors impostors;
    private final ImpostorProbe probe;
    private final String victim;
    private final List<Attempt> attempts = new CopyOnWriteArrayList<>();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "bodycam-impostors");
        t.setDaemon(true);
        return t;
    });
    private final AtomicReference<Future<?>> started = new AtomicReference<>();

    public ImpostorRun(Impostors impostors, ImpostorProbe probe, String victim) {
        this.impostors = Objects.requireNonNull(impostors, "impostors");
        this.probe = Objects.requireNonNull(probe, "probe");
        this.victim = Objects.requireNonNull(victim, "victim");
    }

    /**
     * The impostors of {@code scenario} against the broker at {@code mqtt} and the upload server at {@code upload},
     * going after the fleet's first camera; empty when the scenario has none.
     */
    public static Optional<ImpostorRun> of(Scenario scenario, URI mqtt, URI upload) {
        if (!scenario.impostors().any()) {
            return Optional.empty();
        }
        FleetGroup first = scenario.fleet().get(0);
        String victim = Slot.roster(scenario).get(0).deviceId();
        ImpostorProbe probe = new ImpostorProbe(mqtt, upload, new PkiLayout(scenario.backend().tls().certs()), first.agency(),
                WITNESS_WAIT);
        for (ImpostorKind kind : scenario.impostors().kinds()) {
            for (Path file : probe.credentials(kind, victim)) {
                if (!Files.isRegularFile(file)) {
                    throw new IllegalArgumentException("the " + kind.yamlName() + " impostor has no " + file
                            + "; make the certificates with: bodycam pki create --scenario FILE --out " + scenario.backend().tls().certs());
                }
            }
        }
        return Optional.of(new ImpostorRun(scenario.impostors(), probe, victim));
    }

    /** Schedules the attempts {@code impostors.at} after {@code start} (virtual ms) on {@code scheduler}. */
    public void schedule(Scheduler scheduler, long start) {
        scheduler.schedule(start + impostors.at().toMillis() - scheduler.now(), this::begin);
    }

    /** Hands the attempts to the worker, once: from the timer or from {@link #finish}, whichever comes first. */
    private void begin() {
        FutureTask<Void> task = new FutureTask<>(this::attemptAll, null);
        if (started.compareAndSet(null, task)) {
            worker.execute(task);
        }
    }

    private void attemptAll() {
        for (ImpostorKind kind : impostors.kinds()) {
            Attempt a = probe.attempt(kind, victim);
            attempts.add(a);
            if (a.accepted()) {
                log.warn("impostor {} against {} was ACCEPTED: {}", kind.yamlName(), victim, a.detail());
            } else {
                log.info("impostor {} against {}: {}", kind.yamlName(), victim, a.detail());
            }
        }
    }

    /**
     * Makes the attempts now if their time never came, waits for them, and returns the metrics.
     *
     * @throws IllegalStateException if an attempt could not be made at all (no certificate, no witness)
     */
    public Map<String, Double> finish() {
        if (started.get() == null) {
            begin();
        }
        try {
            started.get().get(FINISH_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the impostor attempts could not be made: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the impostor attempts did not finish in " + FINISH_WAIT.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the impostor attempts", e);
        }
        return metrics(impostors.kinds(), attempts);
    }

    /** What was tried and how it ended, in order. */
    public List<Attempt> attempts() {
        return List.copyOf(attempts);
    }

    /** {@code security.attempts|refused|accepted} and the same per kind, {@code security.KIND.*}, for every scheduled kind. */
    static Map<String, Double> metrics(List<ImpostorKind> kinds, List<Attempt> attempts) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("security.attempts", (double) attempts.size());
        m.put("security.refused", (double) attempts.stream().filter(a -> !a.accepted()).count());
        m.put("security.accepted", (double) attempts.stream().filter(Attempt::accepted).count());
        for (ImpostorKind k : kinds) {
            List<Attempt> of = attempts.stream().filter(a -> a.kind() == k).toList();
            m.put("security." + k.yamlName() + ".attempts", (double) of.size());
            m.put("security." + k.yamlName() + ".refused", (double) of.stream().filter(a -> !a.accepted()).count());
            m.put("security." + k.yamlName() + ".accepted", (double) of.stream().filter(Attempt::accepted).count());
        }
        return m;
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
