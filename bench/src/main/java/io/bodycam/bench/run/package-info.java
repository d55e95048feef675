/** Running a scenario end to end: the fleet, the timeline, the watch loop, the metrics. */
package io.bodycam.bench.run;
