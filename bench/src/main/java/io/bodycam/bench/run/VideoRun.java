package io.bodycam.bench.run;

import io.bodycam.backend.tls.ServerTls;
import io.bodycam.bench.scenario.BackendTls;
import io.bodycam.bench.scenario.EmbeddedReadBack;
import io.bodycam.backend.http.EvidenceServerConfig;
import io.bodycam.bench.scenario.Scenario;
import io.bodycam.sim.video.ClipLibrary;
import io.bodycam.sim.video.Mp4Studio;
import io.bodycam.sim.video.VideoWorkers;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * What a run with {@code payload: mp4} adds (docs/video.md): the studio the cameras film with (clip
 * library from the cache, cards under {@code <run>/cards/}, deleted at the end), the embedded backend's
 * check of files on arrival (kept under {@code <run>/evidence/} when the scenario says so), and the
 * {@code bodycam.video.*} meters.
 */
final class VideoRun {

    static final String CARDS = "cards";
    static final String EVIDENCE = "evidence";
    static final String STORE = "store";

    private VideoRun() {
    }

    /** The studio for an mp4 scenario, or null for a synthetic one. Renders the clip library if not cached. */
    static Mp4Studio open(Scenario scenario, Path dir, PrintWriter console) throws IOException {
        if (scenario.video() == null) {
            return null;
        }
        Path cache = ClipLibrary.defaultCache();
        console.printf("mp4: %s%s, clip library in %s (rendered once, then reused)%n", scenario.video().format().label(),
                scenario.video().format().overlay() ? " with the overlay encoded per segment" : "", cache);
        console.flush();
        long t0 = System.nanoTime();
        Mp4Studio studio = Mp4Studio.open(scenario.video().format(), cache, dir.resolve(CARDS), VideoWorkers.perCore());
        if (studio.library().rendered() > 0) {
            console.printf("mp4: rendered %d template clips in %.1f s%n", studio.library().rendered(), (System.nanoTime() - t0) / 1e9);
        }
        return studio;
    }

    /**
     * The embedded evidence server's settings: mp4 runs store and check each upload; a device profile that reads
     * its uploads back has them kept under {@code <run>/store/} and served back (docs/backends.md).
     */
    static EvidenceServerConfig evidenceServer(Scenario scenario, Path dir) {
        EvidenceServerConfig.Builder b = EvidenceServerConfig.builder()
                .readBack(EmbeddedReadBack.forRun(scenario, dir.resolve(STORE)));
        if (scenario.video() != null) {
            b.mp4Checks(dir.resolve(EVIDENCE), scenario.video().keepEvidence());
        }
        BackendTls tls = scenario.backend().tls();
        if (tls != null && tls.uploads() != BackendTls.Uploads.PLAIN) {
            b.tls(ServerTls.fromPki(tls.certs(), tls.uploads() == BackendTls.Uploads.MUTUAL));
        }
        return b.build();
    }

    /** The video workers' meters (docs/metrics.md). */
    static void bind(MeterRegistry registry, Mp4Studio studio) {
        if (studio == null) {
            return;
        }
        VideoWorkers w = studio.workers();
        FunctionCounter.builder("bodycam.video.jobs.completed", w, VideoWorkers::completed)
                .description("segment file jobs done (write, cut, recover, delete)").register(registry);
        FunctionCounter.builder("bodycam.video.jobs.failed", w, VideoWorkers::failed)
                .description("segment file jobs that failed").register(registry);
        FunctionCounter.builder("bodycam.video.jobs.rejected", w, VideoWorkers::rejected)
                .description("segment file jobs refused: the queue was full").register(registry);
        Gauge.builder("bodycam.video.jobs.queued", w, VideoWorkers::queued)
                .description("segment file jobs waiting for a worker").register(registry);
        FunctionCounter.builder("bodycam.video.busy.seconds", w, x -> x.busyNanos() / 1e9)
                .description("worker thread time spent on segment files").register(registry);
    }
}
