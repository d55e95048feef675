package io.bodycam.sim.link;

/**
 * The topics a camera publishes on, under {@code bwc/v1/{agency}/{deviceId}/}, with their QoS and
 * retain flag (docs/contract/README.md, "MQTT topics").
 */
public enum Topic {
    STATUS("status", 1, true),
    STATE("state", 1, true),
    GPS("gps", 0, false),
    EVENTS("events", 1, false),
    CMD_ACK("cmd/ack", 1, false);

    private final String suffix;
    private final int qos;
    private final boolean retain;

    Topic(String suffix, int qos, boolean retain) {
        this.suffix = suffix;
        this.qos = qos;
        this.retain = retain;
    }

    /** The part after the device's topic prefix, e.g. {@code cmd/ack}. */
    public String suffix() {
        return suffix;
    }

    public int qos() {
        return qos;
    }

    public boolean retain() {
        return retain;
    }
}
