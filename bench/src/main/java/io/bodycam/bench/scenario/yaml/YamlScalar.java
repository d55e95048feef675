package io.bodycam.bench.scenario.yaml;

/**
 * A single value as written: its text is kept verbatim, so "no", "010" or "1.10" are never
 * turned into a boolean, an octal number or 1.1 behind the reader's back. The accessor that reads
 * it decides what the text must be.
 */
public final class YamlScalar extends YamlNode {

    private static final int DESCRIBE_LIMIT = 40;

    private final String text;
    private final boolean isNull;

    YamlScalar(String text, boolean isNull, SourcePosition position, String path) {
        super(position, path);
        this.text = text;
        this.isNull = isNull;
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
        return position() + " " + describe();
    }
}
