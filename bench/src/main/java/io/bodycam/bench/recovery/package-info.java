/** How the fleet recovers from faults: offline detection and time back to online and to drained queues. */
package io.bodycam.bench.recovery;
