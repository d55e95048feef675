/** The embedded MQTT broker (HiveMQ CE) the cameras and the observer connect to. */
package io.bodycam.backend.broker;
