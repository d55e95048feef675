/** Network and backend faults: the TCP fault proxy with its toxics and the HTTP control API. */
package io.bodycam.bench.faults;
