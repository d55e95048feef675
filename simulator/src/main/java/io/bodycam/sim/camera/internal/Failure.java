package io.bodycam.sim.camera.internal;

import java.util.concurrent.CompletionException;

/** How a failed future's cause reads in an event. */
final class Failure {

    private Failure() {
    }

    /** The message of {@code t}'s cause (unwrapping a {@link CompletionException}), or its class name. */
    static String message(Throwable t) {
        Throwable c = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
        return c.getMessage() != null ? c.getMessage() : c.getClass().getSimpleName();
    }
}
