/** The camera's links to its backends: telemetry over MQTT and evidence over an upload protocol with its proof. */
package io.bodycam.sim.link;
