package io.bodycam.backend.http.internal;

import io.bodycam.backend.http.DeviceConfig;
import io.bodycam.backend.http.EvidenceEntry;
import io.bodycam.backend.http.EvidenceStatus;
import io.bodycam.backend.http.Mutant;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The device contract's plain GET endpoints (docs/contract, "HTTP"): evidence verdicts, time and configuration. */
final class ContractEndpoints {

    private final Backend backend;

    ContractEndpoints(Backend backend) {
        this.backend = backend;
    }

    /**
     * {@code GET /evidence/{deviceId}/{segmentId}}: the verdict, with the hash of the bytes held
     * ({@code null} while incomplete); 404 for a segment never uploaded.
     */
    FullHttpResponse evidence(String deviceId, String segmentId) {
        Optional<EvidenceEntry> found = backend.ledger().entry(deviceId, segmentId);
        if (found.isEmpty()) {
            return backend.answers().text(HttpResponseStatus.NOT_FOUND,
                    "no upload of segment " + segmentId + " from " + deviceId);
        }
        EvidenceEntry e = found.get();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("deviceId", e.deviceId());
        json.put("segmentId", e.segmentId());
        json.put("recordingId", e.recordingId().isEmpty() ? null : e.recordingId());
        json.put("bytes", e.bytes());
        json.put("sha256", e.status() == EvidenceStatus.INCOMPLETE ? null : e.computedSha256());
        json.put("status", e.status().wireName());
        json.put("copies", e.copies());
        json.put("reason", e.reason().isEmpty() ? null : e.reason());
        return backend.answers().json(json);
    }

    /** {@code GET /time}: the run's virtual clock, also in the {@code Date} header every answer carries. */
    FullHttpResponse time() {
        long skew = backend.limits().mutant(Mutant.SKEWED_TIME) ? 3_600_000L : 0;
        return backend.answers().json(Map.of("epochMillis", backend.clock().now() + skew));
    }

    /** {@code GET /devices/{deviceId}/config}, with the camera's firmware offer when it has one. */
    FullHttpResponse config(String deviceId) {
        DeviceConfig config = backend.configs().get(deviceId);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("version", config.version());
        json.put("config", config.values());
        backend.firmware().offerFor(deviceId).ifPresent(offer -> json.put("firmware", offer.params()));
        return backend.answers().json(json);
    }
}
