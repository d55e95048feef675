package io.bodycam.bench.scenario.yaml;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Rewrites SnakeYAML's syntax errors ("expected &lt;block end&gt;, but found '&lt;block mapping
 * start&gt;'") into what a person can act on ("this line does not line up with the keys above it"),
 * at the position that helps most: the opening quote of an unclosed string, the tab itself.
 */
final class SyntaxErrors {

    private static final Pattern CANNOT_START = Pattern.compile("found character '(.+?)' that cannot start any token.*");
    private static final Pattern UNDEFINED_ALIAS = Pattern.compile("found undefined alias (.*)");
    private static final Pattern ESCAPE = Pattern.compile("found unknown escape character (.+?)\\(\\d+\\)");

    private final String source;
    private final SourceText text;
    private final Problems problems;

    SyntaxErrors(String source, SourceText text, Problems problems) {
        this.source = source;
        this.text = text;
        this.problems = problems;
    }

    /** Reports a SnakeYAML error and returns the exception that ends the load. */
    ScenarioException fail(YAMLException error) {
        if (!(error instanceof MarkedYAMLException marked)) {
            return problems.fail(SourcePosition.wholeFile(source), "the file could not be read as YAML: "
                    + firstLine(error.getMessage()), "");
        }
        String problem = marked.getProblem() == null ? "" : marked.getProblem();
        String context = marked.getContext() == null ? "" : marked.getContext();
        Mark problemMark = marked.getProblemMark() != null ? marked.getProblemMark() : marked.getContextMark();
        SourcePosition at = position(problemMark);
        SourcePosition contextAt = marked.getContextMark() == null ? at : position(marked.getContextMark());

        SourcePosition tab = tabInIndentation(at);
        if (tab != null) {
            return problems.fail(tab, "tab character in indentation; YAML indents with spaces only",
                    "replace the tab with spaces");
        }
        Matcher cannotStart = CANNOT_START.matcher(problem);
        if (cannotStart.matches()) {
            String character = cannotStart.group(1);
            if (character.startsWith("\t")) {
                return problems.fail(at, "tab character here; YAML separates values with spaces only",
                        "replace the tab with a space");
            }
            return problems.fail(at, "a value cannot start with '" + character + "'",
                    "put the value in quotes: \"" + character + "...\"");
        }
        if (context.contains("quoted scalar") && problem.contains("end of stream")) {
            return problems.fail(contextAt, "unclosed quote: the text starting here never ends",
                    "add the closing " + quoteAt(contextAt) + " at the end of the text");
        }
        if (context.contains("quoted scalar") && problem.contains("document separator")) {
            return problems.fail(contextAt, "unclosed quote: the text starting here runs into '---'",
                    "add the closing " + quoteAt(contextAt) + " at the end of the text");
        }
        Matcher escape = ESCAPE.matcher(problem);
        if (escape.matches()) {
            return problems.fail(at, "unknown escape '\\" + escape.group(1) + "' in double-quoted text",
                    "write \\\\ for a backslash, or use single quotes");
        }
        if (problem.startsWith("mapping values are not allowed")) {
            return problems.fail(at, "unexpected ':' here",
                    "check this line's indentation, or quote a value that contains ': '");
        }
        if (problem.startsWith("expected <block end>")) {
            return problems.fail(at, "this line does not line up with the lines above it",
                    "indent it like its sibling keys (or list items) above, using spaces");
        }
        if (problem.startsWith("could not find expected ':'")) {
            return problems.fail(contextAt, "expected 'key: value' here, but there is no ':'",
                    "add ': ' after the key, or indent the line as part of the value above");
        }
        if (context.startsWith("while parsing a flow sequence")) {
            return problems.fail(at, "expected ',' or ']' in the list opened at line " + contextAt.line()
                    + ", column " + contextAt.column(), "close the list with ']'");
        }
        if (context.startsWith("while parsing a flow mapping")) {
            return problems.fail(at, "expected ',' or '}' in the mapping opened at line " + contextAt.line()
                    + ", column " + contextAt.column(), "close the mapping with '}'");
        }
        if (context.startsWith("expected a single document")) {
            return problems.fail(at, "a second YAML document starts here; a scenario file holds one",
                    "remove the '---' line and what follows, or move it to its own file");
        }
        Matcher alias = UNDEFINED_ALIAS.matcher(problem);
        if (alias.matches()) {
            return problems.fail(at, "alias '*" + alias.group(1) + "' refers to no anchor",
                    "mark the value to reuse with '&" + alias.group(1) + "' before using '*" + alias.group(1) + "'");
        }
        if (problem.startsWith("Global tag is not allowed")) {
            return problems.fail(at, "tags like this are not supported in scenario files", "remove the tag");
        }
        String detail = context.isEmpty() ? problem : problem + " (" + context + ")";
        return problems.fail(at, "YAML syntax error: " + detail, "");
    }

    private SourcePosition tabInIndentation(SourcePosition at) {
        String line = text.line(at.line());
        int column = 1;
        for (int i = 0; i < line.length(); i++, column++) {
            char c = line.charAt(i);
            if (c == '\t') {
                return new SourcePosition(source, at.line(), column);
            }
            if (c != ' ') {
                return null;
            }
        }
        return null;
    }

    private String quoteAt(SourcePosition at) {
        String line = text.line(at.line());
        int index = line.offsetByCodePoints(0, Math.min(at.column() - 1, line.codePointCount(0, line.length())));
        return index < line.length() && line.charAt(index) == '\'' ? "'" : "\"";
    }

    private SourcePosition position(Mark mark) {
        return mark == null ? SourcePosition.wholeFile(source)
                : new SourcePosition(source, mark.getLine() + 1, mark.getColumn() + 1);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
