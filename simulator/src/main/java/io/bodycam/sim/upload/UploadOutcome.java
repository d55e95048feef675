package io.bodycam.sim.upload;

import java.net.URI;
import java.util.List;

/**
 * How an upload went: the tus upload URL, the segment's length, every PATCH body byte written
 * (resends included), the attempts it took (1 when nothing failed) and the offsets the server
 * reported by {@code HEAD} each time the client resumed, in order.
 */
public record UploadOutcome(String key, URI uploadUrl, long length, long bytesSent, int attempts,
                            List<Long> resumedFrom) {

    public UploadOutcome {
        resumedFrom = List.copyOf(resumedFrom);
    }
}
