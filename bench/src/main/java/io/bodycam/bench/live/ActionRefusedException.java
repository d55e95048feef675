package io.bodycam.bench.live;

/**
 * A {@link LiveFleet} cannot carry out an action (a replay, a camera that cannot do it now); the message
 * says why, for the person who asked.
 */
public final class ActionRefusedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ActionRefusedException(String reason) {
        super(reason, null, false, false);
    }
}
