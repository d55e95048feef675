package io.bodycam.bench.scenario.yaml;

import java.util.Objects;

/**
 * Where something is in a scenario file: 1-based line and column (columns count Unicode code
 * points). Line and column are 0 for a problem with the file as a whole (unreadable, too big).
 */
public record SourcePosition(String source, int line, int column) {

    public SourcePosition {
        Objects.requireNonNull(source, "source");
        if (line < 0 || column < 0) {
            throw new IllegalArgumentException("line and column must be >= 0, were " + line + ":" + column);
        }
    }

    /** A position for the file as a whole. */
    public static SourcePosition wholeFile(String source) {
        return new SourcePosition(source, 0, 0);
    }

    /** Whether this points at a line (false for a whole-file position). */
    public boolean hasLine() {
        return line > 0;
    }

    /** "file:line:column", or just "file" for a whole-file position. */
    @Override
    public String toString() {
        return hasLine() ? source + ":" + line + ":" + column : source;
    }
}
