package io.bodycam.sim.testing;

import io.bodycam.sim.link.EvidenceLink;
import io.bodycam.sim.recording.SegmentManifest;
import io.bodycam.sim.recording.SegmentSource;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.bodycam.sim.time.Scheduler;
import io.bodycam.sim.upload.DeviceConfigResponse;
import io.bodycam.sim.upload.TimeSample;
import io.bodycam.sim.upload.Verification;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * An evidence backend living on a manual clock: an upload takes {@code bytes / rate} virtual seconds,
 * the backend really reads and hashes the bytes the camera offers, and verification reports what it
 * computed. Tests can make it fail uploads or answer nothing to verification.
 */
public final class FakeEvidenceBackend implements EvidenceLink {

    private final Scheduler scheduler;
    private final double bytesPerSecond;
    private final Map<String, String> hashes = new LinkedHashMap<>();
    private final Map<String, Integer> copies = new HashMap<>();
    private long serverClockOffset;
    private int failNextUploads;
    private boolean verificationPaused;
    private boolean corruptNext;
    private boolean refuseContent;
    private final Map<String, CompletableFuture<Verification>> pendingVerifications = new LinkedHashMap<>();
    private int uploads;

    public FakeEvidenceBackend(Scheduler scheduler, double bytesPerSecond) {
        this.scheduler = scheduler;
        this.bytesPerSecond = bytesPerSecond;
    }

    @Override
    public CompletionStage<TimeSample> time() {
        CompletableFuture<TimeSample> f = new CompletableFuture<>();
        scheduler.schedule(20, () -> f.complete(new TimeSample(scheduler.now() + serverClockOffset - 10, 20, scheduler.now())));
        return f;
    }

    @Override
    public CompletionStage<DeviceConfigResponse> config() {
        return CompletableFuture.completedFuture(new DeviceConfigResponse(0, Map.of()));
    }

    @Override
    public CompletionStage<Long> upload(SegmentManifest segment, SegmentSource payload) {
        CompletableFuture<Long> f = new CompletableFuture<>();
        uploads++;
        long millis = (long) Math.ceil(payload.length() / bytesPerSecond * 1000);
        boolean fail = failNextUploads > 0;
        if (fail) {
            failNextUploads--;
        }
        boolean corrupt = corruptNext;
        corruptNext = false;
        scheduler.schedule(millis, () -> {
            if (fail) {
                f.completeExceptionally(new IllegalStateException("503 Service Unavailable"));
                return;
            }
            String sha = sha256(payload, corrupt);
            hashes.put(segment.segmentId(), sha);
            copies.merge(segment.segmentId(), 1, Integer::sum);
            f.complete(payload.length());
        });
        return f;
    }

    @Override
    public CompletionStage<Verification> verify(SegmentManifest segment) {
        String sha = hashes.get(segment.segmentId());
        Verification v = sha == null ? Verification.unknown(segment.deviceId(), segment.segmentId())
                : verdict(segment.deviceId(), segment.segmentId(), sha.equals(segment.sha256()) && !refuseContent, sha);
        CompletableFuture<Verification> f = new CompletableFuture<>();
        if (verificationPaused) {
            pendingVerifications.put(segment.segmentId(), f);
        } else {
            scheduler.schedule(5, () -> f.complete(v));
        }
        return f;
    }

    private Verification verdict(String deviceId, String segmentId, boolean ok, String sha) {
        return new Verification(deviceId, segmentId, ok ? Verification.Status.VERIFIED : Verification.Status.CORRUPT,
                "", sha, 0, copies.getOrDefault(segmentId, 0));
    }

    /** The next {@code n} uploads fail with a 503 after taking their time. */
    public void failNextUploads(int n) {
        failNextUploads = n;
    }

    /** The next upload arrives with one byte flipped, so the backend's hash differs. */
    public void corruptNextUpload() {
        corruptNext = true;
    }

    /**
     * From now on every segment is judged {@code corrupt} although its bytes arrived intact (a content
     * check refuses them, as the reference backend does with an MP4 that does not probe right).
     */
    public void refuseContent() {
        refuseContent = true;
    }

    /** Verification requests get no answer until {@link #resumeVerification()}. */
    public void pauseVerification() {
        verificationPaused = true;
    }

    public void resumeVerification() {
        verificationPaused = false;
        pendingVerifications.forEach((id, f) -> {
            String sha = hashes.get(id);
            f.complete(verdict("", id, true, sha));
        });
        pendingVerifications.clear();
    }

    public void serverClockOffset(long millis) {
        serverClockOffset = millis;
    }

    /** SHA-256 of each segment the backend holds, by segment id. */
    public Map<String, String> hashes() {
        return hashes;
    }

    public int copies(String segmentId) {
        return copies.getOrDefault(segmentId, 0);
    }

    public int uploads() {
        return uploads;
    }

    private static String sha256(SegmentSource payload, boolean flipOneByte) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[8192];
            ByteBuf chunk = Unpooled.buffer(buf.length);
            for (long off = 0; off < payload.length(); off += buf.length) {
                int n = (int) Math.min(buf.length, payload.length() - off);
                chunk.clear();
                payload.read(off, n, chunk);
                chunk.readBytes(buf, 0, n);
                if (flipOneByte && off == 0 && n > 0) {
                    buf[0] ^= 1;
                }
                d.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
