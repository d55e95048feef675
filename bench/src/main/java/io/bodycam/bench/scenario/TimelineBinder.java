package io.bodycam.bench.scenario;

import io.bodycam.bench.scenario.yaml.Problems;
import io.bodycam.bench.scenario.yaml.Suggestions;
import io.bodycam.bench.scenario.yaml.YamlList;
import io.bodycam.bench.scenario.yaml.YamlMap;
import io.bodycam.bench.scenario.yaml.YamlNode;
import io.bodycam.bench.scenario.yaml.YamlScalar;

import java.time.Duration;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code timeline:}. Each entry has {@code at} (a duration after the start, or a clock time
 * like {@code 06:45} when the scenario has a {@code start}; clock times are taken in order, each the
 * first such time at or after the entry before), an optional {@code phase}, and exactly one action
 * whose mapping holds the selection ({@code group}, {@code cameras}, {@code fraction}, {@code count},
 * {@code near}), the spreading window {@code over}, and the action's own keys. An entry with a
 * {@code phase} and no action only opens that phase.
 */
final class TimelineBinder {

    static final List<String> ACTIONS = List.of("powerOn", "powerOff", "shiftStart", "shiftEnd", "dock", "undock",
            "surge", "sleep", "wake", "command", "fault", "firmwareRollout", "priorityUpload");
    private static final Pattern CLOCK = Pattern.compile("(\\d{1,2}):(\\d{2})(?::(\\d{2}))?");
    private static final Pattern DISTANCE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(m|km)");
    private static final Duration MAX = Duration.ofDays(30);

    private final Problems problems;
    private final OffsetDateTime start;
    private final Map<String, Long> firmwareSizes = new LinkedHashMap<>();
    private Duration previous = Duration.ZERO;

    private TimelineBinder(Problems problems, OffsetDateTime start) {
        this.problems = problems;
        this.start = start;
    }

    static List<TimelineEvent> read(YamlList list, OffsetDateTime start, Problems problems) {
        TimelineBinder binder = new TimelineBinder(problems, start);
        List<TimelineEvent> events = new ArrayList<>();
        for (YamlMap e : list.maps()) {
            binder.entry(e).ifPresent(events::add);
        }
        return events;
    }

    private java.util.Optional<TimelineEvent> entry(YamlMap e) {
        Duration at = at(e);
        String phase = e.optionalString("phase").orElse(null);
        List<String> actions = e.keys().stream().filter(ACTIONS::contains).toList();
        if (actions.isEmpty() && phase != null) {
            return java.util.Optional.of(new TimelineEvent(at, phase, Selector.ALL, Duration.ZERO, new TimelineEvent.PhaseMark()));
        }
        if (actions.size() != 1) {
            problems.report(e, actions.isEmpty() ? "a timeline entry needs one action besides 'at' (or only a 'phase' to open), one of "
                    + ACTIONS : "a timeline entry has one action, found " + actions);
            ACTIONS.forEach(e::has);
            return java.util.Optional.empty();
        }
        String kind = actions.get(0);
        YamlMap a = e.map(kind);
        Selector select = selector(a);
        Duration over = a.duration("over", Duration.ZERO, Duration.ZERO, MAX);
        TimelineEvent.Action action = switch (kind) {
            case "powerOn" -> new TimelineEvent.PowerOn();
            case "powerOff" -> new TimelineEvent.PowerOff();
            case "shiftStart" -> new TimelineEvent.ShiftStart();
            case "shiftEnd" -> new TimelineEvent.ShiftEnd();
            case "dock" -> new TimelineEvent.Dock();
            case "undock" -> new TimelineEvent.Undock();
            case "surge" -> new TimelineEvent.Surge(a.duration("length", Duration.ofSeconds(1), Duration.ofDays(1)));
            case "sleep" -> new TimelineEvent.Sleep();
            case "wake" -> new TimelineEvent.Wake();
            case "command" -> new TimelineEvent.Command(a.string("type"), new LinkedHashMap<>(params(a)));
            case "firmwareRollout" -> firmwareRollout(a);
            case "priorityUpload" -> new TimelineEvent.PriorityUpload();
            default -> fault(a);
        };
        return java.util.Optional.of(new TimelineEvent(at, phase, select, over, action));
    }

    private Duration at(YamlMap e) {
        String text = e.string("at");
        Matcher clock = CLOCK.matcher(text.strip());
        if (!clock.matches()) {
            Duration d = e.duration("at", Duration.ZERO, MAX);
            previous = d;
            return d;
        }
        if (start == null) {
            problems.report(e.node("at").orElseThrow(), "a clock time like " + text + " needs the scenario's 'start'",
                    "add start: 2027-01-04T06:00:00-06:00, or give a duration after the start, e.g. 45m");
            return Duration.ZERO;
        }
        LocalTime time;
        try {
            time = LocalTime.parse(String.format("%02d:%s:%s", Integer.parseInt(clock.group(1)), clock.group(2),
                    clock.group(3) == null ? "00" : clock.group(3)));
        } catch (DateTimeParseException ex) {
            problems.report(e.node("at").orElseThrow(), "'" + text + "' is not a time of day (00:00..23:59)");
            return Duration.ZERO;
        }
        OffsetDateTime after = start.plus(previous);
        OffsetDateTime candidate = after.with(time);
        if (candidate.isBefore(after)) {
            candidate = candidate.plusDays(1);
        }
        previous = Duration.between(start, candidate);
        return previous;
    }

    private Selector selector(YamlMap a) {
        List<String> groups = new ArrayList<>();
        a.node("group").ifPresent(g -> groups.addAll(names(a, "group", g)));
        List<String> cameras = new ArrayList<>();
        a.node("cameras").ifPresent(c -> cameras.addAll(names(a, "cameras", c)));
        double fraction = a.fraction("fraction", 1.0);
        int count = a.integer("count", 0, 1, 100_000);
        if (fraction <= 0) {
            problems.report(a.node("fraction").orElseThrow(), "fraction must be above 0");
            fraction = 1;
        }
        if (a.has("fraction") && a.has("count")) {
            problems.report(a.node("count").orElseThrow(), "give fraction or count, not both");
            count = 0;
        }
        Selector.Near near = a.optionalMap("near").map(this::near).orElse(null);
        return new Selector(groups, cameras, fraction, count, near);
    }

    private List<String> names(YamlMap a, String key, YamlNode node) {
        if (node instanceof YamlScalar s && !s.isNull()) {
            return List.of(s.text());
        }
        if (node instanceof YamlList l) {
            return l.strings();
        }
        problems.report(node, "'" + key + "': expected a name or a list of names, found " + node.describe());
        return List.of();
    }

    private Selector.Near near(YamlMap n) {
        double lat = n.decimal("lat", 0, -85, 85);
        double lon = n.decimal("lon", 0, -180, 180);
        String radius = n.string("radius");
        Matcher m = DISTANCE.matcher(radius.strip());
        double metres = 1;
        if (m.matches() && Double.parseDouble(m.group(1)) > 0) {
            metres = Double.parseDouble(m.group(1)) * ("km".equals(m.group(2)) ? 1000 : 1);
        } else if (n.has("radius")) {
            problems.report(n.node("radius").orElseThrow(), "'radius': expected a distance like 500m or 2km, found '" + radius + "'");
        }
        if (!n.has("lat") || !n.has("lon")) {
            problems.report(n, "near needs lat, lon and radius");
        }
        return new Selector.Near(lat, lon, metres);
    }

    /**
     * {@code firmwareRollout: {version, window, size, image}}: the download window is the admin's
     * "Firmware Download Timeframe" [S13]; 100 MB nominal [GUESS: no vendor publishes image sizes].
     */
    private TimelineEvent.FirmwareRollout firmwareRollout(YamlMap a) {
        String version = a.string("version");
        if (a.has("version") && !io.bodycam.sim.firmware.FirmwareVersion.valid(version)) {
            problems.report(a.node("version").orElseThrow(), "'version' must be 2 to 4 dot-separated numbers like \"4.13.0\", was '"
                    + version + "'", "quote it, or YAML may read 4.13 as a number");
            version = "0.0.0";
        } else if (!a.has("version")) {
            version = "0.0.0";
        }
        Duration window = a.duration("window", Duration.ofSeconds(1), MAX);
        long size = a.dataSize("size", 100_000_000L, 1_000, io.bodycam.sim.firmware.FirmwareOffer.MAX_BYTES);
        Long earlier = firmwareSizes.putIfAbsent(version, size);
        if (earlier != null && earlier != size) {
            problems.report(a.node("size").orElse(a), "firmware " + version + " has size " + size + " B here but "
                    + earlier + " B in an earlier rollout: one version is one image");
        }
        var image = a.enumValue("image", TimelineEvent.FirmwareRollout.Image.class, TimelineEvent.FirmwareRollout.Image.GENUINE);
        return new TimelineEvent.FirmwareRollout(version, window.isZero() ? Duration.ofSeconds(1) : window, size, image);
    }

    private TimelineEvent.Fault fault(YamlMap a) {
        String name = a.string("kind");
        FaultKind kind = FaultKind.byName(name).orElse(null);
        if (kind == null) {
            problems.report(a.node("kind").orElse(a), "unknown fault kind '" + name + "'"
                    + Suggestions.closest(name, FaultKind.names()).map(s -> ", did you mean '" + s + "'?").orElse(""),
                    "fault kinds: " + String.join(", ", FaultKind.names()));
            kind = FaultKind.CAMERA_REBOOT;
        }
        Duration length = a.duration("for", Duration.ZERO, Duration.ZERO, MAX);
        Map<String, String> params = new LinkedHashMap<>();
        params(a).forEach((k, v) -> params.put(k, String.valueOf(v)));
        FaultParams.check(kind, params).ifPresent(problem ->
                problems.report(a.node("params").orElse(a.node("kind").orElse(a)), problem, "docs/faults.md lists each kind's params"));
        return new TimelineEvent.Fault(kind, length, params);
    }

    private Map<String, Object> params(YamlMap action) {
        Map<String, Object> params = new LinkedHashMap<>();
        action.optionalMap("params").ifPresent(p -> {
            for (String k : p.keys()) {
                YamlNode v = p.node(k).orElseThrow();
                if (v instanceof YamlScalar s) {
                    params.put(k, s.text());
                } else {
                    problems.report(v, "params are plain values (strings or numbers)");
                }
            }
        });
        return params;
    }
}
