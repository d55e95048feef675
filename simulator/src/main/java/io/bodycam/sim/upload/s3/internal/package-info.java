/** The S3 client's insides: SigV4 signing, request building, XML answers and the upload state machine. */
package io.bodycam.sim.upload.s3.internal;
