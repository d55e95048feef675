package io.bodycam.bench.scenario.yaml;

import java.util.List;

/**
 * A scenario that cannot be loaded, with every problem found (not just the first), in file order.
 * {@link #getMessage()} renders them compiler-style, at most {@link #MAX_SHOWN}.
 */
public final class ScenarioException extends RuntimeException {

    /** How many problems the message shows before "and N more". */
    public static final int MAX_SHOWN = 20;

    private final List<ScenarioProblem> problems;

    public ScenarioException(List<ScenarioProblem> problems) {
        super(render(problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a ScenarioException needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    /** Every problem, in file order. */
    public List<ScenarioProblem> problems() {
        return problems;
    }

    private static String render(List<ScenarioProblem> problems) {
        StringBuilder out = new StringBuilder();
        int shown = Math.min(problems.size(), MAX_SHOWN);
        for (int i = 0; i < shown; i++) {
            if (i > 0) {
                out.append("\n\n");
            }
            out.append(problems.get(i).format());
        }
        if (problems.size() > shown) {
            out.append("\n\nand ").append(problems.size() - shown).append(" more (")
                    .append(problems.size()).append(" problems in total)");
        } else if (problems.size() > 1) {
            out.append("\n\n").append(problems.size()).append(" problems");
        }
        return out.toString();
    }
}
