package io.bodycam.bench.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bodycam.bench.fleet.Shard;
import io.bodycam.bench.scenario.Backend;
import io.bodycam.bench.scenario.Scenario;
import io.bodycam.bench.scenario.ScenarioLoader;
import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.containers.ComposeContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * A full run of {@code scenarios/compose-smoke.yaml} against docker/compose.yaml's servers: Mosquitto and
 * the reference backend built from docker/Dockerfile ({@code bodycam backend}). The bench runs here, so
 * the scenario's compose host names are swapped for the ports Testcontainers maps. Needs a Docker engine
 * with compose ({@code mvn -Pdocker verify}); the first build of the image takes minutes.
 */
@Tag("docker")
@Testcontainers(disabledWithoutDocker = true)
class ComposeStackTest {

    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();

    @Container
    static final ComposeContainer STACK = new ComposeContainer(REPO.resolve("docker/compose.yaml").toFile())
            .withServices("mosquitto", "backend")
            .withBuild(true)
            .withLocalCompose(true)
            .withExposedService("mosquitto", 1883, Wait.forListeningPort())
            .withExposedService("backend", 8080, Wait.forListeningPort().withStartupTimeout(Duration.ofMinutes(15)));

    @Test
    void the_compose_smoke_scenario_passes_against_the_stacks_mosquitto_and_reference_backend(@TempDir Path dir)
            throws Exception {
        Path file = REPO.resolve("scenarios/compose-smoke.yaml");
        Scenario s = ScenarioLoader.load(file);
        Backend stack = Backend.external(
                URI.create("tcp://" + STACK.getServiceHost("mosquitto", 1883) + ":" + STACK.getServicePort("mosquitto", 1883)),
                URI.create("http://" + STACK.getServiceHost("backend", 8080) + ":" + STACK.getServicePort("backend", 8080)),
                s.backend().mqttVersion()).withCredentials(s.backend().username(), s.backend().password());
        Scenario here = s.withBackend(stack);
        StringWriter console = new StringWriter();

        ScenarioRunner.Result r = ScenarioRunner.run(here, new ScenarioRunner.Options(dir.resolve("run"), dir,
                Files.readString(file), new PrintWriter(console), false, 0, null, Shard.WHOLE));

        assertEquals(ScenarioRunner.PASSED, r.exitCode(), r.message() + "\n" + console);
        JsonNode summary = new ObjectMapper().readTree(dir.resolve("run/summary.json").toFile());
        assertTrue(summary.path("evidence").path("verified").asLong() >= 10, "verified by the backend: " + summary.path("evidence"));
    }
}
