/** What cameras report: one record per event type, with its one JSON mapping for MQTT and the run record. */
package io.bodycam.sim.event;
