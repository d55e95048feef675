/** What a run measures: the cameras' events collected, snapshots of the observer's counters, the run's meters and metrics. */
package io.bodycam.bench.metrics;
