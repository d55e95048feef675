package io.bodycam.backend.broker;

/**
 * The embedded broker could not start or stop (port taken, HiveMQ failed, not listening): the run
 * cannot be carried out, which the CLI reports with exit code 3.
 */
public final class BrokerStartException extends RuntimeException {

    public BrokerStartException(String message, Throwable cause) {
        super(message, cause);
    }

    public BrokerStartException(String message) {
        super(message);
    }
}
