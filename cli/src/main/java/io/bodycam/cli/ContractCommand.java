package io.bodycam.cli;

import io.bodycam.bench.contract.ProfileSpecs;
import io.bodycam.bench.run.ScenarioRunner;
import io.bodycam.bench.scenario.DeviceProfile;
import io.bodycam.bench.scenario.DeviceProfiles;
import io.bodycam.bench.scenario.yaml.ScenarioException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bodycam contract}: writes the device contract's AsyncAPI and OpenAPI specs for one device profile
 * ({@link ProfileSpecs}; the shipped profiles' are under docs/contract/profiles). Exit 0 when written, 2 for
 * a profile that does not load, 3 when the files cannot be written.
 */
@Command(name = "contract", description = "Write the device contract as AsyncAPI 3.0 (asyncapi.yaml) and OpenAPI 3.1"
        + " (openapi.yaml) for one device profile: its topics, QoS, retain flags and Will, and its upload protocol.")
final class ContractCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--profile", paramLabel = "NAME", defaultValue = "bwc-v1",
            description = "a shipped profile (bwc-v1, tus-generic, s3, put) or a profile file (.yaml) (default: ${DEFAULT-VALUE})")
    String profile;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "where asyncapi.yaml and openapi.yaml go")
    Path out;

    @Override
    public Integer call() {
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        DeviceProfile loaded;
        try {
            loaded = DeviceProfiles.load(profile, Path.of(""));
        } catch (ScenarioException e) {
            err.println("bodycam contract: " + e.getMessage());
            return ScenarioRunner.BAD_INPUT;
        }
        String name = profile.endsWith(".yaml") || profile.endsWith(".yml") || profile.contains("/") ? loaded.name() : profile;
        try {
            for (Path written : ProfileSpecs.write(loaded, name, out)) {
                o.println("bodycam contract: wrote " + written);
            }
            return ScenarioRunner.PASSED;
        } catch (IOException e) {
            err.println("bodycam contract: cannot write " + out + ": " + e.getMessage());
            return ScenarioRunner.CANNOT_RUN;
        } finally {
            o.flush();
        }
    }
}
