package io.bodycam.bench.scenario.yaml;

import java.util.Objects;
import org.yaml.snakeyaml.reader.StreamReader;

/**
 * One error in a scenario file, located the way compilers locate them.
 *
 * @param source the file name as the user gave it
 * @param line 1-based line, 0 for a problem with the whole file
 * @param column 1-based column in code points, 0 for a problem with the whole file
 * @param message what is wrong, e.g. "unknown key 'durration', did you mean 'duration'?"
 * @param hint how to fix it, or "" when the message says it all
 * @param sourceLineText the offending line as written, or "" when there is none
 */
public record ScenarioProblem(String source, int line, int column, String message, String hint,
                              String sourceLineText) {

    private static final int WINDOW = 160;

    public ScenarioProblem {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(hint, "hint");
        Objects.requireNonNull(sourceLineText, "sourceLineText");
    }

    /** Where the problem is. */
    public SourcePosition position() {
        return new SourcePosition(source, line, column);
    }

    /**
     * The problem in compiler style, with the line quoted and a caret under the column:
     * <pre>
     * scenarios/quickstart.yaml:12:3: unknown key 'durration', did you mean 'duration'?
     *    12 |   durration: 10m
     *       |   ^
     * </pre>
     * followed by {@code "      = hint: ..."} when there is a hint.
     */
    public String format() {
        StringBuilder out = new StringBuilder(position().toString()).append(": ").append(message);
        if (line > 0) {
            int[] codePoints = sourceLineText.codePoints().toArray();
            int caret = Math.max(0, column - 1);
            int from = Math.max(0, Math.min(caret - WINDOW / 2, codePoints.length - WINDOW));
            int to = Math.min(codePoints.length, from + WINDOW);
            String gutter = String.format("%5d | ", line);
            StringBuilder quoted = new StringBuilder(from > 0 ? "..." : "");
            StringBuilder marker = new StringBuilder(from > 0 ? "   " : "");
            for (int i = from; i < to; i++) {
                int c = codePoints[i];
                boolean tab = c == '\t';
                quoted.appendCodePoint(tab || StreamReader.isPrintable(c) ? c : '?');
                if (i < caret) {
                    marker.append(tab ? '\t' : ' ');
                }
            }
            marker.append(" ".repeat(Math.max(0, caret - Math.max(from, to))));
            out.append('\n').append(gutter).append(quoted).append(to < codePoints.length ? "..." : "");
            out.append('\n').append(" ".repeat(gutter.length() - 2)).append("| ").append(marker).append('^');
        }
        if (!hint.isEmpty()) {
            out.append('\n').append(" ".repeat(6)).append("= hint: ").append(hint);
        }
        return out.toString();
    }
}
