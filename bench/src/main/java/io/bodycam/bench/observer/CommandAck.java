package io.bodycam.bench.observer;

import java.time.Duration;
import java.util.Optional;

/**
 * A camera's answer to a command ({@code cmd/ack}, contract "cmd and cmd/ack").
 *
 * @param id the command id echoed by the camera; empty when it could not read one
 * @param ok whether the camera carried the command out
 * @param error why not, when {@code ok} is false
 * @param roundTrip wall time from publishing the command to receiving the ack
 */
public record CommandAck(Optional<String> id, String deviceId, boolean ok, Optional<String> error, Duration roundTrip) {
}
