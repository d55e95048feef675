package io.bodycam.sim.testing;

import io.bodycam.sim.firmware.FirmwareImage;
import io.bodycam.sim.link.EvidenceLink;
import io.bodycam.sim.recording.SegmentManifest;
import io.bodycam.sim.recording.SegmentSource;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.bodycam.sim.time.Scheduler;
import io.bodycam.sim.time.Timer;
import io.bodycam.sim.upload.DeviceConfigResponse;
import io.bodycam.sim.upload.ProgressListener;
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
 * computed. Tests can make it fail uploads or answer nothing to verification, or take uploads in
 * pieces that it tells the camera of and keeps when an upload is cut ({@link #commitEvery}).
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
    private boolean unprovable;
    private final Map<String, CompletableFuture<Verification>> pendingVerifications = new LinkedHashMap<>();
    private int uploads;
    private int interrupts;
    private int idleDisconnects;
    private final Map<CompletableFuture<Long>, Timer> inFlight = new LinkedHashMap<>();
    private int lteUploads;
    private double lteBytesPerSecond;
    private final Map<String, FirmwareImage> images = new HashMap<>();
    /** Per segment, the number of its latest upload: an earlier one that was cancelled never lands. */
    private final Map<String, Integer> attempt = new HashMap<>();
    private DeviceConfigResponse config = new DeviceConfigResponse(0, Map.of());
    private int firmwareRequests;
    private long firmwareBytes;
    private int failNextFirmware;
    /** Piece size of {@link #commitEvery}; 0: an upload lands whole or not at all. */
    private int commitEvery;
    /** Bytes held of each unfinished upload taken in pieces. */
    private final Map<String, Long> held = new HashMap<>();
    private ProgressListener lastProgress = ProgressListener.NONE;

    public FakeEvidenceBackend(Scheduler scheduler, double bytesPerSecond) {
        this.scheduler = scheduler;
        this.bytesPerSecond = bytesPerSecond;
        this.lteBytesPerSecond = bytesPerSecond;
    }

    @Override
    public CompletionStage<TimeSample> time() {
        CompletableFuture<TimeSample> f = new CompletableFuture<>();
        scheduler.schedule(20, () -> f.complete(new TimeSample(scheduler.now() + serverClockOffset - 10, 20, scheduler.now())));
        return f;
    }

    @Override
    public CompletionStage<DeviceConfigResponse> config() {
        return CompletableFuture.completedFuture(config);
    }

    @Override
    public CompletionStage<Long> upload(SegmentManifest segment, SegmentSource payload, ProgressListener progress) {
        return upload(segment, payload, bytesPerSecond, progress);
    }

    @Override
    public CompletionStage<Long> uploadOverLte(SegmentManifest segment, SegmentSource payload, ProgressListener progress) {
        lteUploads++;
        return upload(segment, payload, lteBytesPerSecond, progress);
    }

    @Override
    public void cancelUpload(SegmentManifest segment) {
        attempt.merge(segment.segmentId(), 1, Integer::sum);
    }

    /**
     * A range of an image {@link #host hosted} here, after {@code length / rate} virtual seconds; a
     * path nobody hosts fails like a 404.
     */
    @Override
    public CompletionStage<byte[]> firmware(String path, long offset, int length) {
        CompletableFuture<byte[]> f = new CompletableFuture<>();
        firmwareRequests++;
        FirmwareImage image = images.get(path);
        boolean fail = failNextFirmware > 0;
        if (fail) {
            failNextFirmware--;
        }
        scheduler.schedule((long) Math.ceil(length / bytesPerSecond * 1000), () -> {
            if (fail) {
                f.completeExceptionally(new IllegalStateException("503 Service Unavailable"));
            } else if (image == null) {
                f.completeExceptionally(new IllegalStateException("404 no such image: " + path));
            } else {
                byte[] bytes = new byte[length];
                image.read(offset, bytes, 0, length);
                firmwareBytes += length;
                f.complete(bytes);
            }
        });
        return f;
    }

    private CompletionStage<Long> upload(SegmentManifest segment, SegmentSource payload, double rate,
                                         ProgressListener progress) {
        CompletableFuture<Long> f = new CompletableFuture<>();
        uploads++;
        lastProgress = progress;
        int mine = attempt.merge(segment.segmentId(), 1, Integer::sum);
        long from = commitEvery > 0 ? held.getOrDefault(segment.segmentId(), 0L) : 0;
        long millis = (long) Math.ceil((payload.length() - from) / rate * 1000);
        for (long piece = from + commitEvery; commitEvery > 0 && piece < payload.length(); piece += commitEvery) {
            long committed = piece;
            scheduler.schedule((long) Math.ceil((piece - from) / rate * 1000), () -> {
                if (inFlight.containsKey(f) && attempt.get(segment.segmentId()) == mine) {
                    held.put(segment.segmentId(), committed);
                    progress.committed(committed, payload.length());
                }
            });
        }
        boolean fail = failNextUploads > 0;
        if (fail) {
            failNextUploads--;
        }
        boolean corrupt = corruptNext;
        corruptNext = false;
        Timer arrival = scheduler.schedule(millis, () -> {
            inFlight.remove(f);
            if (attempt.get(segment.segmentId()) != mine) {
                f.completeExceptionally(new IllegalStateException("upload cancelled"));
                return;
            }
            if (fail) {
                f.completeExceptionally(new IllegalStateException("503 Service Unavailable"));
                return;
            }
            String sha = sha256(payload, corrupt);
            hashes.put(segment.segmentId(), sha);
            copies.merge(segment.segmentId(), 1, Integer::sum);
            if (commitEvery > 0) {
                held.remove(segment.segmentId());
                progress.committed(payload.length(), payload.length());
            }
            f.complete(payload.length() - from);
        });
        inFlight.put(f, arrival);
        return f;
    }

    /** The camera gave its connection back with nothing in flight (counted). */
    @Override
    public void disconnectIdle() {
        idleDisconnects++;
    }

    /** How many times the camera gave its connection back idle. */
    public int idleDisconnects() {
        return idleDisconnects;
    }

    /** Uploads in flight stop unfinished: the backend keeps nothing of them. */
    @Override
    public void interrupt(String reason) {
        interrupts++;
        Map<CompletableFuture<Long>, Timer> stopped = new LinkedHashMap<>(inFlight);
        inFlight.clear();
        stopped.forEach((f, arrival) -> {
            arrival.cancel();
            f.completeExceptionally(new IllegalStateException("interrupted: " + reason));
        });
    }

    /**
     * From now on uploads arrive in pieces of {@code bytes} (as tus chunks do), each told to the upload's
     * progress listener when it lands; a cut upload keeps the pieces that landed, and the next upload of
     * the segment sends only the rest.
     */
    public void commitEvery(int bytes) {
        commitEvery = bytes;
    }

    /** The progress listener of the latest upload, to tell it something late. */
    public ProgressListener lastProgress() {
        return lastProgress;
    }

    /** Uploads running now. */
    public int uploadsInFlight() {
        return inFlight.size();
    }

    /** How often the camera said its network went away. */
    public int interrupts() {
        return interrupts;
    }

    @Override
    public CompletionStage<Verification> verify(SegmentManifest segment) {
        String sha = hashes.get(segment.segmentId());
        Verification v = sha == null ? Verification.unknown(segment.deviceId(), segment.segmentId())
                : unprovable ? new Verification(segment.deviceId(), segment.segmentId(), Verification.Status.UNPROVABLE,
                        "", "", 0, copies.getOrDefault(segment.segmentId(), 0))
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

    /** From now on nothing can prove a stored copy (a profile with proof none): every verdict is {@code unprovable}. */
    public void unprovable() {
        unprovable = true;
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

    /** Serves {@code image} at {@code path}. */
    public void host(String path, FirmwareImage image) {
        images.put(path, image);
    }

    /** What {@code GET /devices/{id}/config} answers from now on. */
    public void config(DeviceConfigResponse answer) {
        config = answer;
    }

    /** The next {@code n} firmware range requests fail with a 503. */
    public void failNextFirmware(int n) {
        failNextFirmware = n;
    }

    public void lteBytesPerSecond(double rate) {
        lteBytesPerSecond = rate;
    }

    public int firmwareRequests() {
        return firmwareRequests;
    }

    /** Firmware bytes served. */
    public long firmwareBytes() {
        return firmwareBytes;
    }

    public int lteUploads() {
        return lteUploads;
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
