package io.bodycam.bench.conform;

import io.bodycam.backend.ReferenceBackend;
import io.bodycam.backend.broker.EmbeddedBroker;
import io.bodycam.backend.http.EvidenceServer;
import io.bodycam.backend.http.EvidenceServerConfig;
import io.bodycam.backend.http.FirmwareReleases;
import io.bodycam.backend.http.Mutant;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Runs the kit's cases against a {@link Target}, one after another, and says what each decided. A case
 * that needs a capability the target does not claim is NOT APPLICABLE; one that throws anything but its
 * own failure (a refused connection, a timeout) fails with that error as its evidence.
 *
 * <pre>{@code
 * ConformanceReport r = ConformanceKit.run(new Target(mqtt, upload, Set.of(Target.VERDICT)), 1L, c -> { });
 * r.passed();  // every applicable case passed
 * }</pre>
 */
public final class ConformanceKit {

    /** The head deadline the embedded reference backend is judged with, so the slow-loris case takes seconds, not 30. */
    public static final Duration REFERENCE_HEAD_DEADLINE = Duration.ofSeconds(2);
    /** What the embedded reference backend claims: every capability it has (it does not restrict topics by default). */
    public static final Set<String> REFERENCE_CLAIMS = Set.of(Target.CHECKSUM, Target.VERDICT, Target.TERMINATION,
            Target.MAX_SIZE, Target.HEAD_DEADLINE, Target.TIME, Target.FIRMWARE, Target.BROKER_RESTART);
    /** The camera the embedded reference backend offers firmware to, for the firmware cases. */
    public static final String REFERENCE_FIRMWARE_DEVICE = "CONF-FIRMWARE";
    /** The version it offers: 300,000 bytes, so the image comes in several ranges. */
    static final String REFERENCE_FIRMWARE_VERSION = "99.0.0";
    private static final long REFERENCE_FIRMWARE_BYTES = 300_000;

    private ConformanceKit() {
    }

    /** Settings for an embedded reference backend the kit judges: its short head deadline and the defects asked for. */
    public static EvidenceServerConfig referenceSettings(Set<Mutant> mutants) {
        return EvidenceServerConfig.builder().headTimeout(REFERENCE_HEAD_DEADLINE).mutants(mutants).build();
    }

    /**
     * The embedded reference broker the kit judges: persistent, so retained messages survive the restart of
     * {@code MQTT-RESTART-01}, unless {@code mutants} holds {@link Mutant#FORGETS_RETAINED}.
     */
    public static EmbeddedBroker.Builder referenceBroker(Set<Mutant> mutants) {
        return EmbeddedBroker.builder().persistent(!mutants.contains(Mutant.FORGETS_RETAINED));
    }

    /**
     * {@code backend}, started with {@link #referenceBroker} and {@link #referenceSettings}, as a target
     * claiming {@code claims}, whose broker the kit restarts by {@link EmbeddedBroker#restart()}; releases a
     * firmware version on it and offers it to {@link #REFERENCE_FIRMWARE_DEVICE}, for the firmware cases.
     */
    public static Target reference(ReferenceBackend backend, Set<String> claims) {
        return reference(backend.broker(), backend.evidence(), claims);
    }

    /**
     * As {@link #reference(ReferenceBackend, Set)} for an evidence server started with {@link #referenceSettings}
     * beside {@code broker} (the mutant tests start one broker for every mutant of the evidence server).
     */
    public static Target reference(EmbeddedBroker broker, EvidenceServer evidence, Set<String> claims) {
        FirmwareReleases firmware = evidence.firmware();
        firmware.publish(REFERENCE_FIRMWARE_VERSION, REFERENCE_FIRMWARE_BYTES);
        firmware.offerTo(REFERENCE_FIRMWARE_DEVICE, firmware.offer(REFERENCE_FIRMWARE_VERSION, FirmwareReleases.Image.GENUINE, 0, 0));
        return new Target(URI.create(broker.url()), evidence.uri(), claims, REFERENCE_HEAD_DEADLINE, REFERENCE_FIRMWARE_DEVICE,
                restartOf(broker));
    }

    /** The embedded {@code broker}'s own restart ({@link EmbeddedBroker#restart()}), for {@code MQTT-RESTART-01}. */
    public static BrokerRestart restartOf(EmbeddedBroker broker) {
        return log -> {
            log.add("RESTART the embedded broker (" + (broker.persistent() ? "persistent" : "in memory") + ")");
            broker.restart();
        };
    }

    /** Every case of the kit, in the order it runs them. */
    public static List<ConformanceCase> cases() {
        return Cases.all();
    }

    /** Runs every case; {@code progress} hears of each as it ends. {@code seed} fixes the bytes sent. */
    public static ConformanceReport run(Target target, long seed, Consumer<CaseResult> progress) {
        return run(target, seed, cases().stream().map(ConformanceCase::id).collect(Collectors.toSet()), progress);
    }

    /**
     * Runs the cases named in {@code ids} only (to try one again, or one that needs a restart), in the kit's order.
     *
     * @throws IllegalArgumentException for an id that is no case of the kit
     */
    public static ConformanceReport run(Target target, long seed, Set<String> ids, Consumer<CaseResult> progress) {
        Set<String> known = cases().stream().map(ConformanceCase::id).collect(Collectors.toSet());
        for (String id : ids) {
            if (!known.contains(id)) {
                throw new IllegalArgumentException("no case '" + id + "' in the kit (known: "
                        + String.join(", ", cases().stream().map(ConformanceCase::id).toList()) + ")");
            }
        }
        Probe probe = new Probe(target, seed);
        List<CaseResult> results = new ArrayList<>();
        for (ConformanceCase c : cases()) {
            if (!ids.contains(c.id())) {
                continue;
            }
            CaseResult r = runOne(c, probe);
            results.add(r);
            progress.accept(r);
        }
        return new ConformanceReport(target, results);
    }

    private static CaseResult runOne(ConformanceCase c, Probe probe) {
        if (c.capability() != null && !probe.target().claims(c.capability())) {
            return new CaseResult(c.id(), c.title(), c.clauses(), Verdict.NOT_APPLICABLE,
                    "needs capability '" + c.capability() + "', which the backend does not claim", 0);
        }
        List<String> log = new ArrayList<>();
        long t0 = System.nanoTime();
        Verdict verdict;
        try {
            c.check().run(probe, log);
            verdict = Verdict.PASS;
        } catch (ConformanceCase.Failed f) {
            log.add("FAIL: " + f.getMessage());
            verdict = Verdict.FAIL;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.add("FAIL: interrupted");
            verdict = Verdict.FAIL;
        } catch (Exception e) {
            log.add("FAIL: " + e);
            verdict = Verdict.FAIL;
        }
        return new CaseResult(c.id(), c.title(), c.clauses(), verdict, String.join("\n", log),
                (System.nanoTime() - t0) / 1_000_000);
    }
}
