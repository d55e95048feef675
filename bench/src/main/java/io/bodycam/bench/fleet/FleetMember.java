package io.bodycam.bench.fleet;

import io.bodycam.sim.camera.Camera;

/**
 * One camera of a run and the officer wearing it.
 *
 * @param index 1-based number in the whole fleet (shards and seeds are derived from it)
 */
public record FleetMember(int index, String group, String agency, Camera camera, Officer officer) {
}
