/** The camera's HTTP clients for evidence upload (tus, S3, Swift, plain PUT) and the reference contract's side services. */
package io.bodycam.sim.upload;
