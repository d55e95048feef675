/** A certificate authority for a fleet (a CA, one certificate per camera, server and observer certificates, in a documented layout) and the TLS client contexts built from it. */
package io.bodycam.bench.pki;
