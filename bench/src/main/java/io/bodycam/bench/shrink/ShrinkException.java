package io.bodycam.bench.shrink;

/** There is nothing to shrink, with the reason in words for the user. */
public final class ShrinkException extends RuntimeException {

    public ShrinkException(String message) {
        super(message);
    }
}
