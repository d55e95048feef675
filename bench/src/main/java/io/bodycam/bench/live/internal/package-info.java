/** The live dashboard's Netty handlers, wire encodings and record readers; not an API. */
package io.bodycam.bench.live.internal;
