/**
 * The Netty side of {@link io.bodycam.sim.mqtt.MqttConnection}: the pipeline
 * ({@link io.bodycam.sim.mqtt.internal.MqttPipeline}) with one handler per concern, the session state that
 * survives reconnects ({@link io.bodycam.sim.mqtt.internal.MqttSession}) and the reconnect backoff. Not an
 * API: it may change with the connection.
 */
package io.bodycam.sim.mqtt.internal;
