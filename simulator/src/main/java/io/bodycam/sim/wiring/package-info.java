/** Wiring one camera to its backend: the camera with its MQTT telemetry link, its tus evidence link and their clients. */
package io.bodycam.sim.wiring;
