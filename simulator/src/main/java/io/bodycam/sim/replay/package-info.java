/** A camera's inputs in a real-network run, written down as they arrive, and played back to that camera alone on a virtual clock. */
package io.bodycam.sim.replay;
