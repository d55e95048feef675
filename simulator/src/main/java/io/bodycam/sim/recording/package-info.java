/** Synthetic recordings: a deterministic capture stream cut into segments hashed as they are produced. */
package io.bodycam.sim.recording;
