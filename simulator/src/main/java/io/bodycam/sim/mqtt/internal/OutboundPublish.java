package io.bodycam.sim.mqtt.internal;

/** A QoS 1 message the camera owes the broker; it gets its packet id when first written. */
final class OutboundPublish {
    final String topic;
    final byte[] payload;
    final boolean retain;
    int packetId;

    OutboundPublish(String topic, byte[] payload, boolean retain) {
        this.topic = topic;
        this.payload = payload;
        this.retain = retain;
    }
}
