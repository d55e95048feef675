/** The camera firmware's parts behind {@link io.bodycam.sim.camera.Camera}, each talking to narrow ports; not API. */
package io.bodycam.sim.camera.internal;
