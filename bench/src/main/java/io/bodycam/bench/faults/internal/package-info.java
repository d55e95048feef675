/** The fault proxy's Netty handlers and the control API's JSON; not for use outside faults. */
package io.bodycam.bench.faults.internal;
