package io.bodycam.sim.upload;

/**
 * One answer of {@code GET /time}: the server's clock and when, in the camera's virtual time, the
 * answer came back after a round trip of {@code roundTripMillis} virtual milliseconds.
 */
public record TimeSample(long serverEpochMillis, long roundTripMillis, long receivedAt) {
}
