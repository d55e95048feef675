/** The camera's flash: segments waiting for upload, in upload order, deleted only after the backend verified them. */
package io.bodycam.sim.storage;
