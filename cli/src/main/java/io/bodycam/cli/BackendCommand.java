package io.bodycam.cli;

import io.bodycam.backend.StandaloneBackend;
import io.bodycam.backend.http.ReadBackStore;
import io.bodycam.backend.tls.ServerTls;
import io.bodycam.bench.observer.FleetObserver;
import io.bodycam.bench.run.ScenarioRunner;
import io.bodycam.bench.scenario.DeviceProfile;
import io.bodycam.bench.scenario.DeviceProfiles;
import io.bodycam.bench.scenario.EmbeddedReadBack;
import io.bodycam.bench.scenario.yaml.ScenarioException;
import io.bodycam.bench.scenario.units.Durations;
import io.bodycam.sim.time.WallClock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code bodycam backend}: the reference backend on its own, on fixed ports, until interrupted (Ctrl-C or
 * SIGTERM, as {@code docker stop} sends), so real cameras or other tools can be aimed at it. Every flag
 * also reads an environment variable, which suits a container.
 */
@Command(name = "backend", description = "Run the reference backend (MQTT broker, tus evidence server, observer) on its own"
        + " until interrupted.")
final class BackendCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--mqtt-port", paramLabel = "PORT", defaultValue = "${env:BODYCAM_MQTT_PORT:-1883}",
            description = "MQTT broker port (default: ${DEFAULT-VALUE}; env BODYCAM_MQTT_PORT)")
    int mqttPort;

    @Option(names = "--http-port", paramLabel = "PORT", defaultValue = "${env:BODYCAM_HTTP_PORT:-8080}",
            description = "evidence server port: tus uploads, /time, /devices/{id}/config (default: ${DEFAULT-VALUE}; env BODYCAM_HTTP_PORT)")
    int httpPort;

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "${env:BODYCAM_BIND:-127.0.0.1}",
            description = "127.0.0.1, or 0.0.0.0 in a container (default: ${DEFAULT-VALUE}; env BODYCAM_BIND)")
    String bind;

    @Option(names = "--data", paramLabel = "DIR", defaultValue = "${env:BODYCAM_DATA:-backend-data}",
            description = "data folder: backend.json at start, ledger.json at stop (default: ${DEFAULT-VALUE}; env BODYCAM_DATA)")
    Path data;

    @Option(names = "--upload-pki", paramLabel = "DIR", defaultValue = "${env:BODYCAM_UPLOAD_PKI}",
            description = "serve uploads over HTTPS with mutual TLS from this `bodycam pki create` folder (server.pem, "
                    + "ca.pem, crl.pem): a client certificate of the fleet is required, and an upload must name its device; "
                    + "default: plain HTTP (env BODYCAM_UPLOAD_PKI)")
    Path uploadPki;

    @Option(names = "--profile", paramLabel = "NAME|FILE", defaultValue = "${env:BODYCAM_PROFILE:-bwc-v1}",
            description = "the device profile the evidence server serves: bwc-v1 (the reference contract), or a "
                    + "read-back one (tus-generic, s3, put, axis-bwi, or a profile file), whose uploads it also stores "
                    + "under the data folder's store/ and serves back (default: ${DEFAULT-VALUE}; env BODYCAM_PROFILE)")
    String profile;

    @Option(names = "--status-every", paramLabel = "DURATION", defaultValue = "30s",
            description = "how often to print a status line; 0s for never (default: ${DEFAULT-VALUE})")
    String statusEvery;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        StandaloneBackend.Settings settings;
        Duration every;
        try {
            if (uploadPki != null && !Files.isRegularFile(uploadPki.resolve("server.pem"))) {
                throw new IllegalArgumentException("--upload-pki " + uploadPki + " has no server.pem; make it with: "
                        + "bodycam pki create --out " + uploadPki + " --cameras N");
            }
            DeviceProfile served = DeviceProfiles.load(profile, Path.of(""));
            settings = new StandaloneBackend.Settings(bind, mqttPort, httpPort, data,
                    uploadPki == null ? null : ServerTls.fromPki(uploadPki, true),
                    EmbeddedReadBack.standalone(served, data.resolve("store")));
            every = Durations.parse(statusEvery);
        } catch (ScenarioException e) {
            err.println("bodycam backend: " + e.getMessage());
            return ScenarioRunner.BAD_INPUT;
        } catch (IllegalArgumentException e) {
            err.println("bodycam backend: " + e.getMessage());
            return ScenarioRunner.BAD_INPUT;
        }
        StandaloneBackend backend;
        try {
            backend = StandaloneBackend.start(settings);
        } catch (IOException | RuntimeException e) {
            err.println("bodycam backend: cannot start: " + e.getMessage());
            return ScenarioRunner.CANNOT_RUN;
        }
        FleetObserver observer = new FleetObserver(backend.mqtt().toString(), "+", WallClock.realTime());
        try {
            observer.start();
        } catch (IOException | RuntimeException e) {
            observer.close();
            close(backend, err);
            err.println("bodycam backend: cannot start: " + e.getMessage());
            return ScenarioRunner.CANNOT_RUN;
        }
        CountDownLatch never = new CountDownLatch(1); // the wait ends by interruption or by the JVM's shutdown
        Thread onSigterm = new Thread(() -> stop(backend, observer, out, err), "bodycam-backend-stop");
        Runtime.getRuntime().addShutdownHook(onSigterm);
        out.printf("bodycam backend: ready%n  mqtt    %s (bound to %s:%d)%n  upload  %s/files/ (tus 1.0.0%s)%n"
                        + "  time    %s/time%n  config  %s/devices/{id}/config%n%s  data    %s%n"
                        + "stop with Ctrl-C or SIGTERM%n", backend.mqtt(), bind, mqttPort, backend.upload(),
                uploadPki == null ? "" : ", mutual TLS with " + uploadPki,
                backend.upload(), backend.upload(), readBack(settings.readBack(), backend), data.toAbsolutePath());
        out.flush();
        try {
            if (every.isZero()) {
                never.await();
            }
            while (!never.await(every.toMillis(), TimeUnit.MILLISECONDS)) {
                out.println("bodycam backend: " + status(backend, observer));
                out.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(onSigterm);
        } catch (IllegalStateException e) {
            return 0;
        }
        return stop(backend, observer, out, err);
    }

    /** The line naming the read-back store a profile asked for, or nothing. */
    private String readBack(ReadBackStore store, StandaloneBackend backend) {
        if (store == null) {
            return "";
        }
        String where = switch (store.protocol()) {
            case TUS -> backend.upload() + "/files/{id} (GET of a finished upload)";
            case PUT -> backend.upload() + "/" + store.root() + "/... (PUT or POST, then GET)";
            case S3 -> backend.upload() + "/" + store.s3Bucket() + "/{key} (S3, path-style, SigV4, region " + store.s3Region() + ")";
            case SWIFT -> backend.upload() + store.swiftAuthPath() + " (Swift auth), then " + backend.upload() + "/v1/AUTH_{account}/...";
        };
        return String.format("  profile %s: %s, stored in %s%n", profile, where, store.folder().toAbsolutePath());
    }

    /** One line on what the backend has seen so far: the fleet as the observer sees it, then the evidence. */
    private static String status(StandaloneBackend backend, FleetObserver observer) {
        return String.format("%d devices online (peak %d), %,d MQTT messages received; %s", observer.onlineCount(),
                observer.connectedPeak(), observer.stats().receivedTotal(), backend.status());
    }

    /** Stops the observer, then the backend, which writes its ledger. */
    private static int stop(StandaloneBackend backend, FleetObserver observer, PrintWriter out, PrintWriter err) {
        try {
            out.println("bodycam backend: stopping; " + status(backend, observer));
            observer.close();
            backend.close();
            out.println("bodycam backend: stopped; ledger in " + backend.settings().data().resolve(StandaloneBackend.LEDGER_FILE));
            return 0;
        } catch (IOException e) {
            err.println("bodycam backend: could not write the ledger: " + e.getMessage());
            return ScenarioRunner.CANNOT_RUN;
        } finally {
            out.flush();
            err.flush();
        }
    }

    private static void close(StandaloneBackend backend, PrintWriter err) {
        try {
            backend.close();
        } catch (IOException e) {
            err.println("bodycam backend: could not write the ledger: " + e.getMessage());
        }
    }
}
