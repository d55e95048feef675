/** A scenario's timeline put on the cameras' schedulers: events, phases, faults and firmware rollouts. */
package io.bodycam.bench.timeline;
