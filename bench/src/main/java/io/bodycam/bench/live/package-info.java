/**
 * The live dashboard: {@link io.bodycam.bench.live.LiveFleet} (what a running or replayed fleet shows and
 * lets a user do) and {@link io.bodycam.bench.live.LiveServer} (the web page, its Server-Sent Events
 * stream and JSON API), plus {@link io.bodycam.bench.live.RecordReplay} (a finished run played back).
 */
package io.bodycam.bench.live;
