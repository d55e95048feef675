package io.bodycam.bench.scenario.yaml;

/**
 * A single value as written: its text is kept verbatim, so "no", "010" or "1.10" are never
 * turned into a boolean, an octal number or 1.1 behind the reader's back. The accessor that reads
 * it decides what the text must be.
 */
public final class YamlScalar implements YamlNode {

    private static final int DESCRIBE_LIMIT = 40;

    private final String text;
    private final boolean quoted;
    private final boolean isNull;
    private final SourcePosition position;
    private final String path;

    YamlScalar(String text, boolean quoted, boolean isNull, SourcePosition position, String path) {
        this.text = text;
        this.quoted = quoted;
        this.isNull = isNull;
        this.position = position;
        this.path = path;
    }

    /** The text as written, without quotes; "" for an empty value. */
    public String text() {
        return text;
    }

    /** Whether the value is YAML's "nothing": empty, {@code ~} or {@code null}, unquoted. */
    public boolean isNull() {
        return isNull;
    }

    @Override
    public SourcePosition position() {
        return position;
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public String describe() {
        if (isNull) {
            return "nothing";
        }
        String shown = text.codePointCount(0, text.length()) > DESCRIBE_LIMIT
                ? text.substring(0, text.offsetByCodePoints(0, DESCRIBE_LIMIT)) + "..."
                : text;
        return "'" + shown.replace("\n", "\\n") + "'";
    }

    @Override
    public String toString() {
        return position + " " + describe();
    }
}
