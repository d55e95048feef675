package io.bodycam.bench.scenario;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bodycam.bench.scenario.assertions.Metric;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** docs/scenarios.md cannot rot: its examples load, and it names every metric. */
class ScenarioDocsTest {

    private static final Path DOC = Path.of("..", "docs", "scenarios.md");

    static Stream<String> yamlExamples() throws Exception {
        Matcher m = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(DOC));
        List<String> blocks = new ArrayList<>();
        while (m.find()) {
            blocks.add(m.group(1));
        }
        return blocks.stream();
    }

    @ParameterizedTest
    @MethodSource("yamlExamples")
    void every_example_in_the_docs_is_a_valid_scenario(String yaml) {
        Scenario s = ScenarioLoader.parse("docs/scenarios.md", yaml);
        assertTrue(s.cameraCount() > 0);
    }

    @Test
    void the_docs_name_every_metric() throws Exception {
        String doc = Files.readString(DOC);
        for (Metric metric : Metric.all()) {
            String name = metric.name();
            String base = name.replaceAll("\\.(p50|p90|p99|max)$", "");
            boolean named = doc.contains("`" + name + "`") || doc.contains("`" + base + ".p50 / .p90 / .p99 / .max`")
                    || name.startsWith("mqtt.") && name.contains(".latency.") && doc.contains("mqtt.{status,state,gps,events,ack}.latency");
            assertTrue(named, "docs/scenarios.md does not list " + name);
        }
    }
}
