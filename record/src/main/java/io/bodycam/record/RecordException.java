package io.bodycam.record;

/**
 * A run record cannot be read, merged or reported on as it is (missing, not a bodycam record, the wrong
 * shards); the message says why and, where it can, what to do instead.
 */
public final class RecordException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public RecordException(String message) {
        super(message);
    }
}
