/** The camera's links as its firmware sees them: telemetry over MQTT, evidence over HTTP. */
package io.bodycam.sim.link;
