package io.bodycam.sim.mqtt;

/** What {@link MqttConnection#publish} did with a message. */
public enum PublishResult {
    /** Written to the broker connection now. */
    SENT,
    /** QoS 1, held in order until the connection is up and the in-flight window has room. */
    QUEUED,
    /** QoS 0 while offline: gone, and counted in {@link MqttStats#droppedQos0Offline()}. */
    DROPPED
}
