/** The upload client's Netty connection, tus requests, pacing and retry backoff; not for use outside the client. */
package io.bodycam.sim.upload.internal;
