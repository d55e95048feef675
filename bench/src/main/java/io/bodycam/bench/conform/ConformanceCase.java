package io.bodycam.bench.conform;

import java.util.List;

/**
 * One numbered case of the kit: the contract clauses it covers, the capability it needs (null: every
 * backend), and the check, which answers normally for PASS and throws {@link Failed} for FAIL.
 */
public record ConformanceCase(String id, String title, List<String> clauses, String capability, Check check) {

    /** The steps and validations of a case, writing what it sent and saw to {@code log}. */
    @FunctionalInterface
    public interface Check {
        void run(Probe probe, List<String> log) throws Exception;
    }

    /** The backend broke the clause. */
    public static final class Failed extends Exception {
        public Failed(String why) {
            super(why, null, false, false);
        }
    }

    static void expect(boolean ok, String why) throws Failed {
        if (!ok) {
            throw new Failed(why);
        }
    }
}
