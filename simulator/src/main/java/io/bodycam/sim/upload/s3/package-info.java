/** Evidence upload to S3-compatible object stores: SigV4-signed PutObject and resumable multipart uploads. */
package io.bodycam.sim.upload.s3;
