/** What a run feeds to its record while it goes: time series, latency logs, GPS tracks, roster, evidence ledger, live meters. */
package io.bodycam.bench.run.record;
