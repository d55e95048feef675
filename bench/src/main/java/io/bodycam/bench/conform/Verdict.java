package io.bodycam.bench.conform;

/** What one case decided. */
public enum Verdict {
    /** The backend kept the clause. */
    PASS,
    /** The backend broke the clause; the evidence says how. */
    FAIL,
    /** The case needs a capability the backend does not claim. */
    NOT_APPLICABLE
}
