package io.bodycam.sim.upload;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * How a tus upload went: the upload URL, the segment's length, every PATCH body byte written (resends
 * included), the attempts it took (1 when nothing failed), the offsets the server reported by
 * {@code HEAD} each time the client resumed, in order, and {@code checksummedSha256}: the SHA-256 (hex)
 * of the bytes sent when the server checked every one of them against an {@code Upload-Checksum} (tus
 * 1.0.0, "Checksum"), empty when some were not checked (the server offers no checksum, or a chunk was
 * cut and resumed in its middle).
 */
public record UploadOutcome(String key, URI uploadUrl, long length, long bytesSent, int attempts,
                            List<Long> resumedFrom, Optional<String> checksummedSha256) {

    public UploadOutcome {
        resumedFrom = List.copyOf(resumedFrom);
    }
}
