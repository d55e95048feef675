package io.bodycam.record;

/** A report cannot be built from what the run record holds; the message says why. */
public final class RecordException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public RecordException(String message) {
        super(message);
    }
}
