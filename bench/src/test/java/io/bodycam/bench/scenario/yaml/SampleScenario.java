package io.bodycam.bench.scenario.yaml;

import java.time.Duration;
import java.util.List;

/**
 * A small strict loader over the YAML layer, shaped like the real scenario model, so that tests
 * see the messages a user would see.
 */
final class SampleScenario {

    enum Mode { OFF, READY_BUFFERING, RECORDING }

    static final String VALID = """
            # a valid scenario exercising every accessor
            name: quickstart
            seed: 42
            duration: 1h30m
            camera: &camera
              preEventBuffer: 30s
              storage: 64GB
              bitrate: 4Mbit/s
              lowBattery: 10%
              audio: yes
              mode: ready-buffering
              scale: 0.5
            groups:
              - name: patrol
                count: 100
                camera:
                  <<: *camera
                  storage: 128GB
              - name: "no"
                count: 5
            assertions:
              - uploads.lost == 0
              - 'mqtt.state.latency.p99 < 500ms'
            """;

    private SampleScenario() {
    }

    static YamlMap parse(String text) {
        return YamlDocument.parse("scenarios/sample.yaml", text);
    }

    /** Reads every key the way a scenario loader would, then ends the load. */
    static void load(String text) {
        read(parse(text));
    }

    static void read(YamlMap root) {
        root.string("name");
        root.longInteger("seed", 1, 0, Long.MAX_VALUE);
        root.duration("duration", Duration.ofMinutes(10), Duration.ofSeconds(1), Duration.ofDays(7));
        root.optionalMap("camera").ifPresent(SampleScenario::readCamera);
        root.optionalList("groups").map(YamlList::maps).orElse(List.of()).forEach(group -> {
            group.string("name");
            group.integer("count", 1, 10_000);
            group.optionalMap("camera").ifPresent(SampleScenario::readCamera);
        });
        root.optionalList("assertions").ifPresent(YamlList::strings);
        root.finish();
        root.problems().throwIfAny();
    }

    private static void readCamera(YamlMap camera) {
        camera.duration("preEventBuffer", Duration.ofSeconds(30), Duration.ZERO, Duration.ofSeconds(120));
        camera.dataSize("storage", 64_000_000_000L, 1_000_000_000L, 1_000_000_000_000L);
        camera.dataRate("bitrate", 4e6, 1e5, 5e7);
        camera.fraction("lowBattery", 0.1);
        camera.bool("audio", true);
        camera.enumValue("mode", Mode.class, Mode.READY_BUFFERING);
        camera.decimal("scale", 1, 0.001, 1);
    }
}
