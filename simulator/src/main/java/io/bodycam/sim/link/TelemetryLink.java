package io.bodycam.sim.link;

/**
 * The camera's MQTT side as the firmware sees it: publish on a topic, and be told when the link comes
 * up or goes down and when a command arrives (through {@link TelemetryHandler}). Implemented over
 * Netty MQTT in a run and by a recording fake in unit tests. Called only on the camera's thread.
 */
public interface TelemetryLink {

    /** Connects, and keeps reconnecting until {@link #stop}. */
    void start();

    /**
     * Disconnects. Graceful: the broker drops the Last Will. Not graceful: the socket just dies (power
     * loss, battery empty), so the broker publishes the Will.
     */
    void stop(boolean graceful);

    boolean connected();

    /** Publishes with the topic's QoS and retain flag; QoS 1 messages are kept while offline. */
    void publish(Topic topic, byte[] payload);
}
