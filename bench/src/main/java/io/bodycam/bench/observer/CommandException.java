package io.bodycam.bench.observer;

import java.util.Optional;

/**
 * A command that got no answer from the camera: it could not be published, the observer stopped, or
 * (as {@link CommandTimeoutException}) no ack came in time. Delivered through the command's future.
 */
public class CommandException extends Exception {

    private final String deviceId;
    private final String commandId;

    public CommandException(String deviceId, String commandId, String message, Throwable cause) {
        super(message, cause);
        this.deviceId = deviceId;
        this.commandId = commandId;
    }

    public String deviceId() {
        return deviceId;
    }

    /** The id the command was sent with; empty for a raw payload. */
    public Optional<String> commandId() {
        return Optional.ofNullable(commandId);
    }
}
