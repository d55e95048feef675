package io.bodycam.cli;

import io.bodycam.bench.device.DeviceScript;
import io.bodycam.bench.device.DeviceSession;
import io.bodycam.bench.device.DeviceSteps;
import io.bodycam.bench.live.ControlServer;
import io.bodycam.bench.live.LiveServer;
import io.bodycam.bench.run.Endpoint;
import io.bodycam.bench.run.ScenarioRunner;
import io.bodycam.bench.scenario.DeviceProfile;
import io.bodycam.bench.scenario.DeviceProfiles;
import io.bodycam.bench.scenario.yaml.ScenarioException;
import io.bodycam.bench.scenario.Backend;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code bodycam device}: one camera, or a few, in hand against any backend the scenarios accept,
 * with a console (or a script of steps), the control API and the dashboard (docs/hands-on.md).
 */
@Command(name = "device", description = {
        "Hold a camera (or a few) against a backend: press its buttons, pull its network, pause and step its clock.",
        "Interactive at a terminal; --script FILE runs the steps of a file and exits 1 at the first that fails."})
final class DeviceCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--count", paramLabel = "N", defaultValue = "1", description = "cameras (default: ${DEFAULT-VALUE})")
    int count;

    @Option(names = "--id-pattern", paramLabel = "PATTERN", defaultValue = "DEV-{index:0000}",
            description = "device ids (default: ${DEFAULT-VALUE})")
    String idPattern;

    @Option(names = "--agency", defaultValue = "dev", description = "the agency in the topics (default: ${DEFAULT-VALUE})")
    String agency;

    @Option(names = "--seed", defaultValue = "1", description = "the cameras' seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--mqtt", paramLabel = "URL", description = "an external broker, tcp://HOST:PORT (with --upload); default: the embedded backend")
    URI mqtt;

    @Option(names = "--upload", paramLabel = "URL", description = "the external backend's HTTP base (with --mqtt)")
    URI upload;

    @Option(names = "--profile", paramLabel = "NAME|FILE",
            description = "the device profile the cameras speak: a shipped one (bwc-v1, tus-generic, s3, put, axis-bwi) or a "
                    + "profile file (docs/backends.md); default: bwc-v1")
    String profile;

    @Option(names = "--mqtt-version", defaultValue = "3.1.1", description = "3.1.1 or 5 (default: ${DEFAULT-VALUE})")
    String mqttVersion;

    @Option(names = "--speed", defaultValue = "1", description = "virtual seconds per wall second (default: ${DEFAULT-VALUE})")
    double speed;

    @Option(names = "--paused", description = "start with the clock standing still")
    boolean paused;

    @Option(names = "--payload-scale", defaultValue = "0.01",
            description = "bytes on the wire per byte recorded (default: ${DEFAULT-VALUE}: a 5-minute segment is 1.5 MB)")
    double payloadScale;

    @Option(names = "--script", paramLabel = "FILE", description = "run the steps of FILE, one a line, and exit")
    Path script;

    @Mixin
    ServeOptions serve = new ServeOptions();

    @Override
    @SuppressWarnings("try") // the dashboard and control endpoints are held open by the try only, for the session's life
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        DeviceSession.Settings settings;
        Endpoint ui;
        Endpoint control;
        List<String> lines = null;
        try {
            settings = new DeviceSession.Settings(count, idPattern, agency, seed, mqtt, upload, version(mqttVersion), speed,
                    paused, payloadScale, profile == null ? DeviceProfile.REFERENCE : DeviceProfiles.load(profile, Path.of("")));
            ui = serve.ui();
            control = serve.control();
            if (script != null) {
                lines = Files.readAllLines(script, StandardCharsets.UTF_8);
            }
        } catch (IllegalArgumentException | IOException e) {
            err.println("bodycam device: " + e.getMessage());
            return ScenarioRunner.BAD_INPUT;
        } catch (ScenarioException e) {
            err.println("bodycam device: --profile " + profile + ":");
            err.println(e.getMessage());
            return ScenarioRunner.BAD_INPUT;
        }
        try (DeviceSession session = DeviceSession.start(settings, out);
             Served served = Served.start(session, ui, control, out)) {
            DeviceSteps steps = new DeviceSteps(session);
            if (lines != null) {
                return DeviceScript.run(steps, lines, out) == 0 ? 0 : ScenarioRunner.ASSERTION_FAILED;
            }
            return DeviceConsole.run(session, steps);
        } catch (IllegalStateException e) {
            err.println("bodycam device: " + e.getMessage());
            return ScenarioRunner.CANNOT_RUN;
        }
    }

    private static Backend.MqttVersion version(String v) {
        return switch (v) {
            case "3.1.1" -> Backend.MqttVersion.V3_1_1;
            case "5" -> Backend.MqttVersion.V5;
            default -> throw new IllegalArgumentException("--mqtt-version must be 3.1.1 or 5, was " + v);
        };
    }

    /** The dashboard and the control API of the session, when asked for. */
    private record Served(LiveServer ui, ControlServer control) implements AutoCloseable {

        static Served start(DeviceSession session, Endpoint ui, Endpoint control, PrintWriter out) {
            LiveServer dashboard = null;
            if (ui != null) {
                LiveServer.Builder b = LiveServer.builder(session.cameras()).bind(ui.bind()).port(ui.port());
                if (ui.token() != null) {
                    b.token(ui.token());
                }
                dashboard = b.start();
                out.println("live dashboard at " + dashboard.uri());
            }
            ControlServer api = null;
            if (control != null) {
                ControlServer.Builder b = ControlServer.builder(session.cameras()).clock(session.clock())
                        .bind(control.bind()).port(control.port());
                if (control.token() != null) {
                    b.token(control.token());
                }
                try {
                    api = b.start();
                } catch (RuntimeException e) {
                    if (dashboard != null) {
                        dashboard.close();
                    }
                    throw e;
                }
                out.println("control API at " + api.uri() + " (/cameras, /clock)");
            }
            out.flush();
            return new Served(dashboard, api);
        }

        @Override
        public void close() {
            if (ui != null) {
                ui.close();
            }
            if (control != null) {
                control.close();
            }
        }
    }
}
