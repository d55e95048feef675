package io.bodycam.sim.mqtt;

/**
 * A snapshot of one connection's counters, taken on its event loop. For QoS 1 the counts add up:
 * every accepted message is in {@code publishedQos1}, {@code queuedNow} or {@code droppedQueueOverflow},
 * and every published one is in {@code acked}, {@code rejected} or {@code inFlightNow}.
 *
 * @param publishedQos0         QoS 0 messages written
 * @param publishedQos1         QoS 1 messages written for the first time
 * @param acked                 QoS 1 messages the broker acknowledged (PUBACK, reason below 0x80)
 * @param rejected              QoS 1 messages the broker refused (MQTT 5 PUBACK reason 0x80 or above; not retried)
 * @param droppedQos0Offline    QoS 0 messages dropped because the connection was down
 * @param droppedQueueOverflow  queued QoS 1 messages dropped, oldest first, because the queue was full
 * @param queuedNow             QoS 1 messages waiting to be written
 * @param inFlightNow           QoS 1 messages written and not yet acknowledged
 * @param retransmitted         DUP re-sends of in-flight messages after a reconnect
 * @param connects              accepted CONNACKs
 * @param disconnects           losses of an accepted connection (including {@code stop})
 * @param messagesReceived      PUBLISH packets delivered to the listener
 * @param subscriptionsGranted  topic filters a SUBACK granted
 * @param subscriptionsRejected topic filters a SUBACK refused (return code 0x80 or above)
 */
public record MqttStats(
        long publishedQos0,
        long publishedQos1,
        long acked,
        long rejected,
        long droppedQos0Offline,
        long droppedQueueOverflow,
        int queuedNow,
        int inFlightNow,
        long retransmitted,
        long connects,
        long disconnects,
        long messagesReceived,
        long subscriptionsGranted,
        long subscriptionsRejected) {
}
