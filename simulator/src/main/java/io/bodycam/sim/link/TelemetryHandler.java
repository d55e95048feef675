package io.bodycam.sim.link;

/** What the firmware offers its {@link TelemetryLink}; every call comes on the camera's thread. */
public interface TelemetryHandler {

    /** The Last Will to register at the next CONNECT: the {@code offline} status payload. */
    byte[] willPayload();

    /** The link is up (CONNACK received). */
    void linkUp();

    /** The link went down; it is already trying to reconnect. */
    void linkDown(String reason);

    /** A message arrived on the camera's {@code cmd} topic. */
    void command(byte[] payload);
}
