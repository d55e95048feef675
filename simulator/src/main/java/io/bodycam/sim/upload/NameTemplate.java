package io.bodycam.sim.upload;

import io.bodycam.sim.recording.SegmentManifest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A name made from a segment's fields, such as an S3 object key {@code {agency}/{deviceId}/{recordingId}/{segmentId}.{ext}},
 * a URL path, a credential or a header value. Variables: {@code agency}, {@code deviceId},
 * {@code recordingId}, {@code segmentId}, {@code segmentIndex}, {@code officer}, {@code ext} ({@code mp4}
 * or {@code bin}), {@code sha256}, {@code date} (the segment's start, {@code yyyy-MM-dd} UTC). An unknown
 * variable or an unclosed brace is refused when the template is parsed, with the field's name. A name can
 * also be matched back to the variables it was made from ({@link #match}), as a reader of a store does.
 */
public final class NameTemplate {

    /** The variables a template may use. */
    public static final Set<String> VARIABLES = Set.of("agency", "deviceId", "recordingId", "segmentId",
            "segmentIndex", "officer", "ext", "sha256", "date");

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    private final String text;
    /** Literal text and variable names, alternating from a literal (possibly empty). */
    private final List<String> parts;

    private NameTemplate(String text, List<String> parts) {
        this.text = text;
        this.parts = parts;
    }

    /**
     * @param field the setting this template is for, named in errors ("object key template")
     * @throws IllegalArgumentException for an unknown variable, an unclosed brace, or an empty template
     */
    public static NameTemplate parse(String field, String text) {
        Objects.requireNonNull(text, field);
        if (text.isEmpty()) {
            throw new IllegalArgumentException(field + " must not be empty");
        }
        List<String> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '{') {
                int close = text.indexOf('}', i);
                if (close < 0) {
                    throw new IllegalArgumentException(field + " '" + text + "' has an unclosed '{' at " + i);
                }
                String name = text.substring(i + 1, close);
                if (!VARIABLES.contains(name)) {
                    throw new IllegalArgumentException(field + " '" + text + "' uses {" + name + "}; known: "
                            + new TreeSet<>(VARIABLES));
                }
                parts.add(literal.toString());
                parts.add(name);
                literal.setLength(0);
                i = close + 1;
            } else {
                literal.append(c);
                i++;
            }
        }
        parts.add(literal.toString());
        return new NameTemplate(text, List.copyOf(parts));
    }

    /** The name for {@code segment}, recorded by a camera of {@code agency} worn by {@code officer}. */
    public String expand(SegmentManifest segment, String agency, String officer) {
        return expand(fields(segment, agency, officer));
    }

    /** Every variable's value for {@code segment}, recorded by a camera of {@code agency} worn by {@code officer}. */
    public static Map<String, String> fields(SegmentManifest segment, String agency, String officer) {
        return Map.of("agency", agency, "deviceId", segment.deviceId(), "recordingId", segment.recordingId(),
                "segmentId", segment.segmentId(), "segmentIndex", Integer.toString(segment.index()), "officer", officer,
                "ext", segment.mp4() ? "mp4" : "bin", "sha256", segment.sha256(),
                "date", DATE.format(Instant.ofEpochMilli(segment.start())));
    }

    /**
     * The variables {@code name} was made from, if this template can make it: each variable matches its
     * shortest value that lets the whole name match ({@code ext} only {@code mp4} or {@code bin},
     * {@code segmentIndex} only digits, {@code date} only {@code yyyy-MM-dd}, {@code sha256} only 64 hex
     * digits), and a variable used twice must have the same value both times.
     */
    public Optional<Map<String, String>> match(String name) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < parts.size(); i++) {
            regex.append(i % 2 == 0 ? Pattern.quote(parts.get(i)) : "(" + valuePattern(parts.get(i)) + ")");
        }
        Matcher m = Pattern.compile(regex.toString(), Pattern.DOTALL).matcher(name);
        if (!m.matches()) {
            return Optional.empty();
        }
        Map<String, String> values = new java.util.HashMap<>();
        for (int i = 1; i < parts.size(); i += 2) {
            String previous = values.putIfAbsent(parts.get(i), m.group((i + 1) / 2));
            if (previous != null && !previous.equals(m.group((i + 1) / 2))) {
                return Optional.empty();
            }
        }
        return Optional.of(Map.copyOf(values));
    }

    private static String valuePattern(String variable) {
        return switch (variable) {
            case "ext" -> "mp4|bin";
            case "segmentIndex" -> "[0-9]+";
            case "date" -> "[0-9]{4}-[0-9]{2}-[0-9]{2}";
            case "sha256" -> "[0-9a-f]{64}";
            default -> ".+?";
        };
    }

    /** The name with each variable taken from {@code values}; a variable missing there is an error. */
    public String expand(Map<String, String> values) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < parts.size(); i++) {
            if (i % 2 == 0) {
                out.append(parts.get(i));
            } else {
                String value = values.get(parts.get(i));
                if (value == null) {
                    throw new IllegalArgumentException("template '" + text + "' needs {" + parts.get(i) + "}");
                }
                out.append(value);
            }
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return text;
    }
}
