package io.bodycam.sim.upload;

/**
 * One answer of {@code GET /time}: the server's clock and when, in the camera's virtual time, the
 * answer came back after a round trip of {@code roundTripMillis} virtual milliseconds.
 */
public record TimeSample(long serverEpochMillis, long roundTripMillis, long receivedAt) {

    /**
     * How far the camera's clock is behind the server's (NTP-style: the server read its clock half a
     * round trip before the answer arrived). Add it to the camera's clock to correct it.
     */
    public long offsetMillis() {
        return serverEpochMillis + roundTripMillis / 2 - receivedAt;
    }
}
