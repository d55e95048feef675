package io.bodycam.reports;

/** A report cannot be built from what the run record holds; the message says why. */
public final class ReportException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ReportException(String message) {
        super(message);
    }
}
