/**
 * The virtual body-worn camera as the bench drives it: {@link io.bodycam.sim.camera.Camera}, its config,
 * snapshot, faults and vocabulary (modes, dock phases, flags, triggers, stop reasons, error codes).
 */
package io.bodycam.sim.camera;
