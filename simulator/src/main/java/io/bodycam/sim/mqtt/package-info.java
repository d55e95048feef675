/**
 * The camera's MQTT client: one {@link io.bodycam.sim.mqtt.MqttConnection} per virtual camera, thousands
 * sharing one Netty event loop group, each living on its camera's own event loop
 * (docs/design.md#no-thread-per-device).
 *
 * <p>It speaks MQTT 3.1.1 and 5 ({@link io.bodycam.sim.mqtt.MqttProtocol}) with Netty's MQTT codec,
 * registers a fresh Last Will ({@link io.bodycam.sim.mqtt.MqttWill}) at every CONNECT, reconnects with
 * full-jitter backoff, and stores and forwards QoS 1 messages: a bounded in-flight window tracked by packet
 * id until PUBACK, a bounded queue behind it while offline, and a DUP re-send of everything unacknowledged
 * after each reconnect (MQTT 3.1.1 section 4.4). What it did is counted in {@link io.bodycam.sim.mqtt.MqttStats}.
 * Configuration is an immutable {@link io.bodycam.sim.mqtt.MqttClientConfig}; callbacks arrive through
 * {@link io.bodycam.sim.mqtt.MqttListener}. Netty handlers live in the {@code internal} subpackage.
 */
package io.bodycam.sim.mqtt;
