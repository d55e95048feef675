package io.bodycam.cli;

import io.bodycam.bench.capacity.DensityRun;
import io.bodycam.bench.scenario.BackendTls;
import io.bodycam.bench.scenario.units.Durations;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * {@code bodycam density}: how many cameras this machine holds against a broker, in the terms of the
 * density baselines ({@code benchmarks/density.sh} runs both side by side).
 */
@Command(name = "density", description = "Connect N cameras that only report, and measure rate, timer lag, CPU and RSS.")
final class DensityCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--broker", required = true, paramLabel = "URL", description = "MQTT broker, e.g. tcp://127.0.0.1:1883")
    URI broker;

    @Option(names = "--cameras", defaultValue = "2000", description = "cameras (default: ${DEFAULT-VALUE})")
    int cameras;

    @Option(names = "--seconds", defaultValue = "60", description = "measurement window after all connected (default: ${DEFAULT-VALUE})")
    int seconds;

    @Option(names = "--ramp", defaultValue = "20s", description = "power-on ramp (default: ${DEFAULT-VALUE})")
    String ramp;

    @Option(names = "--status", defaultValue = "5s", description = "state heartbeat (default: ${DEFAULT-VALUE})")
    String status;

    @Option(names = "--gps", defaultValue = "1s", description = "GPS interval (default: ${DEFAULT-VALUE})")
    String gps;

    @Option(names = "--threads", defaultValue = "0", description = "event loop threads (default: one per core)")
    int threads;

    @Option(names = "--observe", description = "also run the bench's observer and report what it received (plain MQTT only)")
    boolean observe;

    @Option(names = "--tls-ca", paramLabel = "FILE", description = "for an mqtts:// broker: the PEM CA its certificate is signed by")
    Path tlsCa;

    @Option(names = "--tls-certs", paramLabel = "DIR", description = "for an mqtts:// broker: a bodycam pki create folder;"
            + " each camera shows its own certificate (mutual TLS; make them with --id-pattern 'DEN-{index:00000}')")
    Path tlsCerts;

    @Option(names = "--tls-provider", defaultValue = "auto", paramLabel = "auto|openssl|jdk",
            description = "whose TLS the cameras speak (default: ${DEFAULT-VALUE}: OpenSSL when it loads)")
    String tlsProvider;

    @Override
    public Integer call() throws Exception {
        if (cameras < 1 || cameras > 50_000 || seconds < 1) {
            spec.commandLine().getErr().println("bodycam density: --cameras must be 1..50000 and --seconds >= 1");
            return 2;
        }
        Duration r;
        Duration st;
        Duration g;
        try {
            r = Durations.parse(ramp);
            st = Durations.parse(status);
            g = Durations.parse(gps);
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("bodycam density: " + e.getMessage());
            return 2;
        }
        BackendTls tls = null;
        if ("mqtts".equals(broker.getScheme())) {
            BackendTls.Provider provider;
            try {
                provider = BackendTls.Provider.valueOf(tlsProvider.toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                spec.commandLine().getErr().println("bodycam density: --tls-provider must be auto, openssl or jdk, was '" + tlsProvider + "'");
                return 2;
            }
            if (observe) {
                spec.commandLine().getErr().println("bodycam density: --observe speaks plain MQTT only; leave it out against mqtts://");
                return 2;
            }
            tls = new BackendTls(tlsCa, tlsCerts, true, provider);
        } else if (tlsCa != null || tlsCerts != null) {
            spec.commandLine().getErr().println("bodycam density: --tls-ca and --tls-certs need an mqtts:// broker, not " + broker);
            return 2;
        }
        return DensityRun.run(new DensityRun.Settings(cameras, r, Duration.ofSeconds(seconds), st, g, broker,
                URI.create("http://127.0.0.1:9"), threads, observe, tls), spec.commandLine().getOut());
    }
}
