package io.bodycam.bench.scenario.yaml;

import java.util.Arrays;

/**
 * The text of one source with its line starts, to quote a line in a message and to turn a
 * character offset into a line and column. Line breaks are those SnakeYAML counts (YAML 1.1):
 * LF, CR, CRLF, NEL, LS and PS.
 */
final class SourceText {

    private final String text;
    private final int[] lineStarts;

    SourceText(String text) {
        this.text = text;
        int[] starts = new int[16];
        int count = 1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean lineBreak = c == '\n' || c == '\u0085' || c == '\u2028' || c == '\u2029'
                    || (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'));
            if (lineBreak) {
                if (count == starts.length) {
                    starts = Arrays.copyOf(starts, count * 2);
                }
                starts[count++] = i + 1;
            }
        }
        this.lineStarts = Arrays.copyOf(starts, count);
    }

    /** The text of a 1-based line without its line break; empty if there is no such line. */
    String line(int line) {
        if (line < 1 || line > lineStarts.length) {
            return "";
        }
        int start = lineStarts[line - 1];
        int end = line < lineStarts.length ? lineStarts[line] : text.length();
        while (end > start && isBreak(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(start, end);
    }

    /** The 1-based position of a character offset, the column counted in code points. */
    SourcePosition position(String source, int offset) {
        int index = Arrays.binarySearch(lineStarts, offset);
        int line = index >= 0 ? index : -index - 2;
        int start = lineStarts[line];
        return new SourcePosition(source, line + 1, text.codePointCount(start, offset) + 1);
    }

    private static boolean isBreak(char c) {
        return c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029';
    }
}
