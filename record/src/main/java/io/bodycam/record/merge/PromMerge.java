package io.bodycam.record.merge;

import io.bodycam.record.RecordException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shards' {@code metrics.prom} (Prometheus text format, the meters at each shard's end) merged into
 * one: counters are added; gauges are added too (cameras online, per mode, recording: each shard's at
 * its end), except the latency quantile gauges, which take the merged run's percentile from
 * {@code summary.json} where it has one ({@code bodycam_mqtt_latency_milliseconds},
 * {@code bodycam_commands_rtt_milliseconds}) and the largest shard's otherwise, and
 * {@code bodycam_devices_connected_peak}, which takes the merged {@code devices.connectedPeak}.
 */
final class PromMerge {

    private static final Pattern SAMPLE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*})?\\s+(\\S+)");
    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"([^\"]*)\"");

    private PromMerge() {
    }

    private record Family(String help, String type) {
    }

    /**
     * @param merged the merged run's metrics by dotted name
     */
    static void merge(List<Path> inputs, Path out, Function<String, Optional<Double>> merged) {
        Map<String, Family> families = new LinkedHashMap<>();
        Map<String, Map<String, Double>> samples = new LinkedHashMap<>();
        for (Path in : inputs) {
            if (!Files.isRegularFile(in)) {
                continue;
            }
            List<String> lines;
            try {
                lines = Files.readAllLines(in, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new RecordException("cannot read " + in + ": " + e.getMessage());
            }
            String help = "";
            for (String line : lines) {
                if (line.startsWith("# HELP ")) {
                    help = line;
                } else if (line.startsWith("# TYPE ")) {
                    String[] p = line.split(" ");
                    families.putIfAbsent(p[2], new Family(help, p.length > 3 ? p[3] : "untyped"));
                } else if (!line.isBlank() && !line.startsWith("#")) {
                    Matcher m = SAMPLE.matcher(line.trim());
                    if (!m.matches()) {
                        continue;
                    }
                    String name = m.group(1);
                    String key = name + (m.group(2) == null ? "" : m.group(2));
                    double value = parse(m.group(3));
                    String family = family(name, families);
                    boolean quantile = m.group(2) != null && m.group(2).contains("quantile=");
                    boolean largest = quantile || name.endsWith("_max");
                    samples.computeIfAbsent(family, f -> new LinkedHashMap<>())
                            .merge(key, value, largest ? Math::max : Double::sum);
                }
            }
        }
        StringBuilder sb = new StringBuilder();
        samples.forEach((family, values) -> {
            Family f = families.getOrDefault(family, new Family("", "untyped"));
            if (!f.help().isEmpty()) {
                sb.append(f.help()).append('\n');
            }
            sb.append("# TYPE ").append(family).append(' ').append(f.type()).append('\n');
            values.forEach((key, value) -> sb.append(key).append(' ')
                    .append(format(exact(key, merged).orElse(value))).append('\n'));
        });
        try {
            Files.writeString(out, sb.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new RecordException("cannot write " + out + ": " + e.getMessage());
        }
    }

    /** The merged run's own figure for the gauges that summary.json recomputes. */
    private static Optional<Double> exact(String key, Function<String, Optional<Double>> merged) {
        Map<String, String> labels = new LinkedHashMap<>();
        int brace = key.indexOf('{');
        if (brace > 0) {
            Matcher m = LABEL.matcher(key.substring(brace));
            while (m.find()) {
                labels.put(m.group(1), m.group(2));
            }
        }
        String name = brace > 0 ? key.substring(0, brace) : key;
        String q = labels.get("quantile");
        return switch (name) {
            case "bodycam_devices_connected_peak" -> merged.apply("devices.connectedPeak");
            case "bodycam_mqtt_latency_milliseconds" -> q == null ? Optional.empty() : merged.apply("mqtt." + labels.get("kind") + ".latency." + q);
            case "bodycam_commands_rtt_milliseconds" -> q == null ? Optional.empty() : merged.apply("commands.rtt." + q);
            default -> Optional.empty();
        };
    }

    /** The family a sample belongs to: its name, or its name less a histogram or summary suffix. */
    private static String family(String name, Map<String, Family> families) {
        if (families.containsKey(name)) {
            return name;
        }
        for (String suffix : List.of("_total", "_count", "_sum", "_max", "_bucket", "_created")) {
            if (name.endsWith(suffix) && families.containsKey(name.substring(0, name.length() - suffix.length()))) {
                return name.substring(0, name.length() - suffix.length());
            }
        }
        return name;
    }

    private static double parse(String text) {
        return switch (text) {
            case "NaN" -> Double.NaN;
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> {
                try {
                    yield Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    yield Double.NaN;
                }
            }
        };
    }

    private static String format(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        return String.format(Locale.ROOT, "%s", v);
    }
}
