package io.bodycam.bench.observer;

import java.time.Duration;

/** No {@code cmd/ack} arrived for a command within its timeout. */
public final class CommandTimeoutException extends CommandException {

    private final Duration timeout;

    public CommandTimeoutException(String deviceId, String commandId, Duration timeout) {
        super(deviceId, commandId, "no ack from " + deviceId + " for command "
                + (commandId == null ? "(raw payload)" : commandId) + " within " + timeout.toMillis() + " ms", null);
        this.timeout = timeout;
    }

    public Duration timeout() {
        return timeout;
    }
}
