package io.bodycam.bench.scenario.yaml;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Collects every error of one scenario load, so the user sees them all at once instead of fixing
 * one per run. Shared by all files and nodes of that load; not thread-safe. The loader calls
 * {@link #throwIfAny()} at the end.
 */
public final class Problems {

    private Substitutions substitutions = Substitutions.NONE;

    /** Environment variables and {@code --set} values applied to every document of this load. */
    public Problems substitutions(Substitutions substitutions) {
        this.substitutions = substitutions;
        return this;
    }

    Substitutions substitutions() {
        return substitutions;
    }

    /**
     * Problems of another file read for this load (a device profile): its {@code ${VAR}} values come from
     * the same environment; the {@code --set} paths are the scenario's and do not apply to it.
     */
    public Problems forOtherFile() {
        return new Problems().substitutions(substitutions.environmentOnly());
    }

    private final Map<String, SourceText> sources = new LinkedHashMap<>();
    private final Set<ScenarioProblem> problems = new LinkedHashSet<>();

    /** Records a problem at a position. */
    public void report(SourcePosition at, String message) {
        report(at, message, "");
    }

    /** Records a problem at a position, with a hint on how to fix it ("" for none). */
    public void report(SourcePosition at, String message, String hint) {
        SourceText text = sources.get(at.source());
        String line = text == null ? "" : text.line(at.line());
        problems.add(new ScenarioProblem(at.source(), at.line(), at.column(), message, hint, line));
    }

    /** Records a problem at a node: the caret goes under the node's first character. */
    public void report(YamlNode at, String message) {
        report(at.position(), message, "");
    }

    /** Records a problem at a node, with a hint on how to fix it ("" for none). */
    public void report(YamlNode at, String message, String hint) {
        report(at.position(), message, hint);
    }

    /** Records every problem of another load (a device profile read on its own), as it was found. */
    public void absorb(ScenarioException other) {
        problems.addAll(other.problems());
    }

    /** Whether no problem has been reported. */
    public boolean isEmpty() {
        return problems.isEmpty();
    }

    /** Every problem so far, sorted by file (in the order files were read), line and column. */
    public List<ScenarioProblem> list() {
        List<String> order = new ArrayList<>(sources.keySet());
        List<ScenarioProblem> sorted = new ArrayList<>(problems);
        sorted.sort(Comparator.comparingInt((ScenarioProblem p) -> sourceRank(order, p.source()))
                .thenComparingInt(ScenarioProblem::line)
                .thenComparingInt(ScenarioProblem::column));
        return sorted;
    }

    /** Throws a {@link ScenarioException} holding every problem, if there is any. */
    public void throwIfAny() {
        if (!problems.isEmpty()) {
            throw new ScenarioException(list());
        }
    }

    /** Records a problem that stops the load, and returns the exception to throw. */
    ScenarioException fail(SourcePosition at, String message, String hint) {
        report(at, message, hint);
        return new ScenarioException(list());
    }

    /** Makes a source's lines available for quoting in problems. */
    SourceText addSource(String name, String text) {
        SourceText source = new SourceText(text);
        sources.put(name, source);
        return source;
    }

    private static int sourceRank(List<String> order, String source) {
        int index = order.indexOf(source);
        return index < 0 ? Integer.MAX_VALUE : index;
    }
}
