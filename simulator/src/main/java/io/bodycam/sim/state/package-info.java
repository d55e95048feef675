/** The camera's vocabulary: its modes, dock phases, flags, triggers and reasons, as its events and reports carry them. */
package io.bodycam.sim.state;
