/** What the upload clients share: the camera's keep-alive HTTP connection, streamed bodies, pacing, retries. */
package io.bodycam.sim.upload.internal;
