package io.bodycam.bench.reproduce;

/** There is nothing to shrink or replay, or the run cannot be, with the reason in words for the user. */
public final class ReproduceException extends RuntimeException {

    public ReproduceException(String message) {
        super(message);
    }
}
