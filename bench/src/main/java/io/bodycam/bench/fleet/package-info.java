/** The cameras of a run and the world around them: officers, docks, the shard of the fleet a run plays. */
package io.bodycam.bench.fleet;
