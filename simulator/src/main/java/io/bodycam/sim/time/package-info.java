/** Virtual time for device logic: the clock and scheduler a camera asks, wall-clock in a run, manual in tests. */
package io.bodycam.sim.time;
