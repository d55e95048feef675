package io.bodycam.bench.live.internal;

import java.util.Map;

/** The camera events a replay rebuilds the map's state from; every other event is {@link #OTHER}. */
enum EventKind {
    MODE, LINK_UP, LINK_DOWN, TIME_SYNCED, UPLOAD_STEP, FIRMWARE_DOWNLOADING, FIRMWARE_DOWNLOADED, FAULT, OTHER;

    private static final Map<String, EventKind> BY_TYPE = Map.ofEntries(
            Map.entry("mode", MODE),
            Map.entry("link.up", LINK_UP),
            Map.entry("link.down", LINK_DOWN),
            Map.entry("lte.outage", FAULT),
            Map.entry("time.synced", TIME_SYNCED),
            Map.entry("upload.completed", UPLOAD_STEP),
            Map.entry("upload.verified", UPLOAD_STEP),
            Map.entry("upload.failed", UPLOAD_STEP),
            Map.entry("segment.purged", UPLOAD_STEP),
            Map.entry("segment.rejected", UPLOAD_STEP),
            Map.entry("segment.unprovable", UPLOAD_STEP),
            Map.entry("firmware.download.started", FIRMWARE_DOWNLOADING),
            Map.entry("firmware.downloaded", FIRMWARE_DOWNLOADED));

    static EventKind of(String type) {
        EventKind k = BY_TYPE.get(type);
        if (k != null) {
            return k;
        }
        return type.startsWith("fault.") ? FAULT : OTHER;
    }
}
