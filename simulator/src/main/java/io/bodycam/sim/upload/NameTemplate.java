package io.bodycam.sim.upload;

import io.bodycam.sim.recording.SegmentManifest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A name made from a segment's fields, such as an S3 object key {@code {agency}/{deviceId}/{recordingId}/{segmentId}.{ext}},
 * a URL path, a credential or a header value. Variables: {@code agency}, {@code deviceId},
 * {@code recordingId}, {@code segmentId}, {@code segmentIndex}, {@code officer}, {@code ext} ({@code mp4}
 * or {@code bin}), {@code sha256}, {@code date} (the segment's start, {@code yyyy-MM-dd} UTC). An unknown
 * variable or an unclosed brace is refused when the template is parsed, with the field's name.
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
        return expand(Map.of("agency", agency, "deviceId", segment.deviceId(), "recordingId", segment.recordingId(),
                "segmentId", segment.segmentId(), "segmentIndex", Integer.toString(segment.index()), "officer", officer,
                "ext", segment.mp4() ? "mp4" : "bin", "sha256", segment.sha256(),
                "date", DATE.format(Instant.ofEpochMilli(segment.start()))));
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
