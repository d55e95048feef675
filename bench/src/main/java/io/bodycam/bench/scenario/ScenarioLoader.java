package io.bodycam.bench.scenario;

import io.bodycam.bench.assertions.AssertionParser;
import io.bodycam.bench.scenario.yaml.Problems;
import io.bodycam.bench.scenario.yaml.ScenarioException;
import io.bodycam.bench.scenario.yaml.YamlDocument;
import io.bodycam.bench.scenario.yaml.YamlList;
import io.bodycam.bench.scenario.yaml.YamlMap;
import io.bodycam.bench.scenario.yaml.YamlNode;
import io.bodycam.bench.scenario.yaml.YamlScalar;
import io.bodycam.sim.camera.CameraConfig;
import io.bodycam.sim.gps.PatrolStyle;
import io.bodycam.sim.power.BatteryModel;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Reads a scenario file into a {@link Scenario}. Every problem in the file is collected and reported
 * together with its file, line and column (a {@link ScenarioException}); a scenario is returned only
 * when the whole file is valid. The keys are documented in {@code docs/scenarios.md}.
 */
public final class ScenarioLoader {

    private static final Duration DAY = Duration.ofDays(1);
    private static final List<String> ACTIONS = List.of("powerOn", "dock", "undock", "surge", "command");

    private ScenarioLoader() {
    }

    /** Loads and checks a scenario file. */
    public static Scenario load(Path file) {
        return read(YamlDocument.load(file));
    }

    /** Loads and checks scenario text; {@code sourceName} is used in messages. */
    public static Scenario parse(String sourceName, String text) {
        return read(YamlDocument.parse(sourceName, text));
    }

    private static Scenario read(YamlMap root) {
        Problems problems = root.problems();
        String name = root.string("name");
        if (root.has("name") && !name.matches("[A-Za-z0-9._-]{1,64}")) {
            problems.report(root.node("name").orElseThrow(), "name must be 1..64 of A-Z a-z 0-9 . _ - (it names the run folder), was '" + name + "'");
        }
        String description = root.string("description", "");
        long seed = root.longInteger("seed", 1, Long.MIN_VALUE, Long.MAX_VALUE);
        Duration duration = root.duration("duration", Duration.ofSeconds(1), Duration.ofDays(30));
        double speed = root.optionalMap("clock").map(c -> c.decimal("speed", 1, 0.001, 100_000)).orElse(1.0);
        Backend backend = backend(root);
        double scale = root.optionalMap("payload").map(ScenarioLoader::payloadScale).orElse(1.0);
        List<FleetGroup> fleet = fleet(root.list("fleet"));
        Behaviour behaviour = root.optionalMap("behaviour").map(ScenarioLoader::behaviour).orElse(Behaviour.DEFAULT);
        List<TimelineEvent> timeline = root.optionalList("timeline").map(ScenarioLoader::timeline).orElse(List.of());
        List<Assertion> assertions = root.optionalList("assertions").map(l -> assertions(l, problems)).orElse(List.of());
        root.finish();
        problems.throwIfAny();
        try {
            return new Scenario(name, description, seed, duration, speed, backend, scale, fleet, behaviour, timeline, assertions);
        } catch (IllegalArgumentException e) {
            problems.report(root, e.getMessage());
            problems.throwIfAny();
            throw e;
        }
    }

    private static Backend backend(YamlMap root) {
        if (!root.has("backend")) {
            return Backend.embedded(Backend.MqttVersion.V3_1_1);
        }
        YamlNode node = root.node("backend").orElseThrow();
        if (node instanceof YamlScalar s && "embedded".equals(s.text())) {
            return Backend.embedded(Backend.MqttVersion.V3_1_1);
        }
        if (!(node instanceof YamlMap m)) {
            root.problems().report(node, "backend must be 'embedded' or a mapping with mqtt and upload URLs");
            return Backend.embedded(Backend.MqttVersion.V3_1_1);
        }
        Backend.MqttVersion version = mqttVersion(m);
        if (!m.has("mqtt") && !m.has("upload")) {
            m.finish();
            return Backend.embedded(version);
        }
        URI mqtt = uri(m, "mqtt", "tcp://127.0.0.1:1883");
        URI upload = uri(m, "upload", "http://127.0.0.1:8080");
        try {
            return Backend.external(mqtt, upload, version);
        } catch (IllegalArgumentException e) {
            m.problems().report(m, e.getMessage());
            return Backend.embedded(version);
        }
    }

    private static Backend.MqttVersion mqttVersion(YamlMap m) {
        String v = m.string("mqttVersion", "3.1.1");
        return switch (v) {
            case "3.1.1" -> Backend.MqttVersion.V3_1_1;
            case "5", "5.0" -> Backend.MqttVersion.V5;
            default -> {
                m.problems().report(m.node("mqttVersion").orElseThrow(), "mqttVersion must be \"3.1.1\" or \"5\", was '" + v + "'");
                yield Backend.MqttVersion.V3_1_1;
            }
        };
    }

    private static URI uri(YamlMap m, String key, String example) {
        String text = m.string(key);
        try {
            return new URI(text);
        } catch (URISyntaxException e) {
            m.problems().report(m.node(key).orElseThrow(), key + " must be a URL like " + example + ", was '" + text + "'");
            return URI.create(example);
        }
    }

    private static double payloadScale(YamlMap p) {
        String mode = p.string("mode", "synthetic");
        if (!"synthetic".equals(mode)) {
            p.problems().report(p.node("mode").orElseThrow(), "payload mode '" + mode + "' is not available; use 'synthetic'",
                    "the mp4 mode arrives with real video support");
        }
        return p.decimal("scale", 1.0, 1e-9, 1.0);
    }

    private static List<FleetGroup> fleet(YamlList list) {
        List<FleetGroup> groups = new ArrayList<>();
        int i = 0;
        for (YamlMap g : list.maps()) {
            i++;
            String name = g.string("name", "group" + i);
            int count = g.integer("count", 1, 100_000);
            String idPattern = g.string("idPattern", "CAM-{index:0000}");
            String agency = g.string("agency", "ipd");
            PatrolStyle style = profile(g);
            UnaryOperator<CameraConfig.Builder> camera = g.optionalMap("camera").map(c -> camera(c, style))
                    .orElse(b -> b.patrol(CameraConfig.DEFAULT_LAT, CameraConfig.DEFAULT_LON, style));
            try {
                groups.add(new FleetGroup(name, count, idPattern, agency, camera));
            } catch (IllegalArgumentException e) {
                g.problems().report(g, e.getMessage());
            }
        }
        return groups;
    }

    private static PatrolStyle profile(YamlMap g) {
        String profile = g.string("profile", "patrol-vehicle");
        return switch (profile) {
            case "patrol-vehicle" -> PatrolStyle.VEHICLE;
            case "patrol-foot" -> PatrolStyle.FOOT;
            case "desk" -> PatrolStyle.DESK;
            default -> {
                g.problems().report(g.node("profile").orElseThrow(), "unknown profile '" + profile
                        + "'; built in: patrol-vehicle, patrol-foot, desk");
                yield PatrolStyle.VEHICLE;
            }
        };
    }

    /** Camera overrides; each value is range-checked here so the builder never throws later. */
    private static UnaryOperator<CameraConfig.Builder> camera(YamlMap c, PatrolStyle style) {
        Duration boot = c.duration("bootTime", Duration.ofSeconds(5), Duration.ZERO, Duration.ofMinutes(5));
        Duration pre = c.duration("preEvent", Duration.ofSeconds(30), Duration.ZERO, Duration.ofSeconds(120));
        Duration segment = c.duration("segmentLength", Duration.ofMinutes(5), Duration.ofSeconds(10), Duration.ofHours(4));
        Duration max = c.duration("maxRecording", Duration.ofHours(4), Duration.ofMinutes(1), DAY);
        double bitrate = c.dataRate("videoBitrate", 4_000_000, 100_000, 100_000_000);
        long storage = c.dataSize("storage", 64_000_000_000L, 1_000_000, 4_000_000_000_000L);
        long storageLow = c.dataSize("storageLow", 4_000_000_000L, 0, 4_000_000_000_000L);
        double battery = c.fraction("batteryStart", 1.0) * 100;
        Duration gpsRec = c.duration("gpsIntervalRecording", Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofHours(1));
        Duration gpsIdle = c.duration("gpsIntervalIdle", Duration.ofMinutes(15), Duration.ofSeconds(1), DAY);
        Duration heartbeat = c.duration("heartbeat", Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofHours(1));
        double dock = c.dataRate("dockUpload", 25_000_000, 10_000, 10_000_000_000.0);
        String firmware = c.string("firmware", "4.12.3");
        Duration offset = c.duration("clockOffset", Duration.ZERO, Duration.ofDays(-36_500), Duration.ofDays(36_500));
        double losses = c.decimal("gpsLossesPerHour", 2, 0, 3600);
        double lat = c.optionalMap("centre").map(m -> m.decimal("lat", CameraConfig.DEFAULT_LAT, -85, 85)).orElse(CameraConfig.DEFAULT_LAT);
        double lon = c.optionalMap("centre").map(m -> m.decimal("lon", CameraConfig.DEFAULT_LON, -180, 180)).orElse(CameraConfig.DEFAULT_LON);
        if (storageLow >= storage && c.has("storageLow")) {
            c.problems().report(c.node("storageLow").orElseThrow(), "storageLow must be below storage");
        }
        return b -> b.bootTime(boot).preEvent(pre).segmentLength(segment).maxRecording(max).videoBitsPerSecond(bitrate)
                .storage(storage, Math.min(storageLow, storage - 1)).battery(BatteryModel.DEFAULT, battery)
                .gpsIntervals(gpsRec, gpsIdle).heartbeat(heartbeat).dockUploadBitsPerSecond(dock).firmware(firmware)
                .clockOffset(offset).gpsLossesPerHour(losses).patrol(lat, lon, style);
    }

    private static Behaviour behaviour(YamlMap b) {
        double rate = b.decimal("incidentsPerHour", Behaviour.DEFAULT.incidentsPerHour(), 0, 60);
        Duration median = Behaviour.DEFAULT.recordingMedian();
        Duration p95 = Behaviour.DEFAULT.recordingP95();
        var d = b.optionalMap("recordingDuration");
        if (d.isPresent()) {
            median = d.get().duration("median", median, Duration.ofSeconds(1), DAY);
            p95 = d.get().duration("p95", p95, Duration.ofSeconds(1), DAY);
            if (p95.compareTo(median) < 0) {
                b.problems().report(d.get(), "recordingDuration: p95 must be at least the median");
                p95 = median;
            }
        }
        double flagged = b.fraction("flaggedShare", Behaviour.DEFAULT.flaggedShare());
        return new Behaviour(rate, median, p95, flagged);
    }

    private static List<TimelineEvent> timeline(YamlList list) {
        List<TimelineEvent> events = new ArrayList<>();
        for (YamlMap e : list.maps()) {
            Duration at = e.duration("at", Duration.ZERO, Duration.ofDays(30));
            List<String> actions = e.keys().stream().filter(ACTIONS::contains).toList();
            if (actions.size() != 1) {
                e.problems().report(e, actions.isEmpty() ? "a timeline entry needs one of " + ACTIONS + " besides 'at'"
                        : "a timeline entry has one action, found " + actions);
                ACTIONS.forEach(e::has);
                continue;
            }
            String kind = actions.get(0);
            YamlMap a = e.map(kind);
            double fraction = a.fraction("fraction", 1.0);
            Duration over = a.duration("over", Duration.ZERO, Duration.ZERO, Duration.ofDays(30));
            if (fraction <= 0) {
                a.problems().report(a.node("fraction").orElse(a), "fraction must be above 0");
                continue;
            }
            switch (kind) {
                case "powerOn" -> events.add(new TimelineEvent.PowerOn(at, fraction, over));
                case "dock" -> events.add(new TimelineEvent.Dock(at, fraction, over));
                case "undock" -> events.add(new TimelineEvent.Undock(at, fraction, over));
                case "surge" -> events.add(new TimelineEvent.Surge(at, fraction, over,
                        a.duration("length", Duration.ofSeconds(1), DAY)));
                default -> events.add(new TimelineEvent.Command(at, fraction, over, a.string("type"), params(a)));
            }
        }
        return events;
    }

    private static Map<String, Object> params(YamlMap command) {
        Map<String, Object> params = new LinkedHashMap<>();
        command.optionalMap("params").ifPresent(p -> {
            for (String k : p.keys()) {
                YamlNode v = p.node(k).orElseThrow();
                if (v instanceof YamlScalar s) {
                    params.put(k, s.text());
                } else {
                    p.problems().report(v, "command params are plain values (strings or numbers)");
                }
            }
        });
        return params;
    }

    private static List<Assertion> assertions(YamlList list, Problems problems) {
        List<Assertion> result = new ArrayList<>();
        for (YamlNode n : list.nodes()) {
            if (!(n instanceof YamlScalar s) || s.isNull()) {
                problems.report(n, "an assertion is one line of text, e.g. evidence.lost == 0");
                continue;
            }
            try {
                result.add(AssertionParser.parse(s.text()));
            } catch (IllegalArgumentException e) {
                problems.report(n, e.getMessage());
            }
        }
        return result;
    }
}
