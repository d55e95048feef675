/**
 * Simulated mode's network: an in-memory broker and evidence store that cameras reach through seeded
 * latencies on one discrete-event clock, so a seed and a build replay a run exactly (docs/reproduce.md).
 */
package io.bodycam.sim.simnet;
