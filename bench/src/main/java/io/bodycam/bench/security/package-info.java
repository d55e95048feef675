/** Impostor cameras: attempts on the backend with bad certificates or another device's identity, and what came of each. */
package io.bodycam.bench.security;
