package io.bodycam.sim.simnet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bodycam.sim.firmware.FirmwareImage;
import io.bodycam.sim.firmware.FirmwareOffer;
import io.bodycam.sim.link.EvidenceLink;
import io.bodycam.sim.recording.SegmentManifest;
import io.bodycam.sim.recording.SegmentSource;
import io.bodycam.sim.time.Timer;
import io.bodycam.sim.upload.DeviceConfigResponse;
import io.bodycam.sim.upload.ProgressListener;
import io.bodycam.sim.upload.TimeSample;
import io.bodycam.sim.upload.UploadPacer;
import io.bodycam.sim.upload.Verification;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * One camera's HTTP side in simulated mode: every request crosses the {@link SimNetwork} and back; an
 * upload takes its bytes at the camera's rate, no faster than the site's shared uplink lets it, and lands
 * whole (the store hashes what arrived) or not at all when the network goes or the camera cancels it.
 * Verdicts are the reference backend's, from what the {@link SimEvidenceStore} holds.
 *
 * <p>While the camera's HTTP network is cut, every request is refused one round trip after it was made; under
 * a bandwidth limit an upload goes no faster than it; under a reset, an upload the draw picks fails at the reset
 * unless its last byte was in by then. An
 * upload whose answer was lost is resumed by the next upload of that segment, as a tus client asks the server
 * for its offset first: when the store holds the whole of it already, nothing is sent again.
 *
 * <p>A request that hears nothing back (a blackhole, an answer left hanging) fails at the camera's request timeout,
 * {@value #REQUEST_TIMEOUT_MILLIS} ms (the upload client's default): at once for a request made into a blackhole,
 * after its last byte for an upload whose bytes a blackhole met on the way, or where its answer would have come. An
 * upload whose bytes arrived is kept by the store, answered or not.
 */
final class SimEvidenceLink implements EvidenceLink {

    private static final int HASH_CHUNK = 64 * 1024;
    /** The upload client's request timeout (its default). */
    static final long REQUEST_TIMEOUT_MILLIS = 30_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SimEvidenceStore store;
    private final SimNetwork network;
    private final String deviceId;
    private final double bytesPerSecond;
    private final double lteBytesPerSecond;
    private final UploadPacer uplink;
    /** Per segment, the number of its latest upload: an earlier one that was cancelled never lands. */
    private final Map<String, Integer> attempt = new HashMap<>();
    private final Map<CompletableFuture<Long>, Timer> inFlight = new LinkedHashMap<>();
    /** Segments whose last upload was kept but never answered: the next upload asks for the offset first. */
    private final Set<String> unanswered = new HashSet<>();

    SimEvidenceLink(SimEvidenceStore store, SimNetwork network, String deviceId, double bytesPerSecond,
                    double lteBytesPerSecond, UploadPacer uplink) {
        this.store = store;
        this.network = network;
        this.deviceId = deviceId;
        this.bytesPerSecond = bytesPerSecond;
        this.lteBytesPerSecond = lteBytesPerSecond;
        this.uplink = uplink;
    }

    @Override
    public CompletionStage<TimeSample> time() {
        CompletableFuture<TimeSample> f = new CompletableFuture<>();
        long there = up();
        long back = down();
        if (refused(f, there + back) || timedOut(f, false)) {
            return f;
        }
        network.clock().schedule(there, () -> {
            long serverTime = network.clock().now();
            network.clock().schedule(back, () -> f.complete(new TimeSample(serverTime, there + back, network.clock().now())));
        });
        return f;
    }

    @Override
    public CompletionStage<DeviceConfigResponse> config() {
        CompletableFuture<DeviceConfigResponse> f = new CompletableFuture<>();
        long roundTrip = up() + down();
        if (!refused(f, roundTrip) && !timedOut(f, false)) {
            network.clock().schedule(roundTrip, () -> f.complete(new DeviceConfigResponse(0, Map.of(),
                    store.firmware().offerFor(deviceId).map(SimEvidenceLink::json).orElse(null))));
        }
        return f;
    }

    @Override
    public CompletionStage<Long> upload(SegmentManifest segment, SegmentSource payload, ProgressListener progress) {
        return upload(segment, payload, bytesPerSecond, uplink);
    }

    @Override
    public CompletionStage<Long> uploadOverLte(SegmentManifest segment, SegmentSource payload, ProgressListener progress) {
        return upload(segment, payload, lteBytesPerSecond, UploadPacer.UNLIMITED);
    }

    private CompletionStage<Long> upload(SegmentManifest segment, SegmentSource payload, double rate, UploadPacer pacer) {
        CompletableFuture<Long> f = new CompletableFuture<>();
        int mine = attempt.merge(segment.segmentId(), 1, Integer::sum);
        long now = network.clock().now();
        long length = payload.length();
        long there = up();
        long back = down();
        if (refused(f, there + back) || timedOut(f, true)) {
            return f;
        }
        SimEvidenceStore.Stored held = store.lookup(segment.segmentId());
        if (unanswered.remove(segment.segmentId()) && held != null && held.deviceId().equals(deviceId) && held.bytes() == length) {
            // the offset asked first says the store has every byte: the upload is complete, nothing is sent again
            Timer answer = network.clock().schedule(there + back, () -> {
                inFlight.remove(f);
                f.complete(0L);
            });
            inFlight.put(f, answer);
            return f;
        }
        long limit = network.upstreamLimit(deviceId, SimNetwork.Channel.HTTP);
        long own = (long) Math.ceil(length / (limit > 0 ? Math.min(rate, limit) : rate) * 1000);
        long shared = pacer.reserve(now, (int) Math.min(Integer.MAX_VALUE, length));
        long arrival = there + Math.max(own, shared);
        Timer[] current = new Timer[1];
        long reset = network.resetAfter(deviceId, SimNetwork.Channel.HTTP);
        if (reset >= 0 && reset < arrival) {
            // the connection is reset before the last byte is in: the store keeps nothing of it
            current[0] = network.clock().schedule(reset, () -> {
                inFlight.remove(f);
                f.completeExceptionally(new IllegalStateException("connection reset"));
            });
            inFlight.put(f, () -> current[0].cancel());
            return f;
        }
        current[0] = network.clock().schedule(arrival, () -> {
            if (attempt.get(segment.segmentId()) != mine) {
                inFlight.remove(f);
                f.completeExceptionally(new IllegalStateException("upload of " + segment.segmentId() + " cancelled"));
                return;
            }
            if (network.silent(deviceId, SimNetwork.Channel.HTTP, true)) {
                // a blackhole met the bytes on their way: the store gets nothing, the camera hears nothing
                answer(f, current, REQUEST_TIMEOUT_MILLIS, length, timeout());
                return;
            }
            if (store.drawError()) {
                answer(f, current, back + store.answerDelay(), length,
                        new IllegalStateException("HTTP " + store.faults().errorStatus() + " (injected)"));
                return;
            }
            store.accept(deviceId, segment.segmentId(), sha256(payload), segment.sha256(), length);
            if (network.silent(deviceId, SimNetwork.Channel.HTTP, false)) {
                // the answer goes into a blackhole
                unanswered.add(segment.segmentId());
                answer(f, current, REQUEST_TIMEOUT_MILLIS, length, timeout());
                return;
            }
            if (store.drawLostResponse()) {
                unanswered.add(segment.segmentId());
                boolean hang = store.faults().lostHang();
                answer(f, current, hang ? REQUEST_TIMEOUT_MILLIS : back + store.answerDelay(), length, hang ? timeout()
                        : new IllegalStateException("connection closed before the answer (injected)"));
                return;
            }
            // the answer is on its way: a cancel now no longer undoes what the store kept
            answer(f, current, back + store.answerDelay(), length, null);
        });
        inFlight.put(f, () -> current[0].cancel());
        return f;
    }

    /** The server's answer to an upload of {@code length} bytes, {@code millis} later: the length, or {@code error}. */
    private void answer(CompletableFuture<Long> f, Timer[] current, long millis, long length, Exception error) {
        current[0] = network.clock().schedule(millis, () -> {
            inFlight.remove(f);
            if (error != null) {
                f.completeExceptionally(error);
            } else {
                f.complete(length);
            }
        });
    }

    @Override
    public CompletionStage<Verification> verify(SegmentManifest segment) {
        CompletableFuture<Verification> f = new CompletableFuture<>();
        long there = up();
        long back = down();
        if (refused(f, there + back) || timedOut(f, false)) {
            return f;
        }
        network.clock().schedule(there, () -> {
            SimEvidenceStore.Stored s = store.lookup(segment.segmentId());
            Verification v = s == null ? Verification.unknown(segment.deviceId(), segment.segmentId())
                    : new Verification(segment.deviceId(), segment.segmentId(), s.sha256().equals(segment.sha256())
                            ? Verification.Status.VERIFIED : Verification.Status.CORRUPT, segment.recordingId(), s.sha256(),
                            s.bytes(), s.copies());
            network.clock().schedule(back, () -> f.complete(v));
        });
        return f;
    }

    private long up() {
        return network.latency(deviceId, SimNetwork.Channel.HTTP, true);
    }

    private long down() {
        return network.latency(deviceId, SimNetwork.Channel.HTTP, false);
    }

    /** While the camera's HTTP network is cut, {@code f} fails one round trip later: the connection was refused. */
    private boolean refused(CompletableFuture<?> f, long roundTrip) {
        if (!network.cut(deviceId, SimNetwork.Channel.HTTP)) {
            return false;
        }
        network.clock().schedule(roundTrip, () -> f.completeExceptionally(new IllegalStateException("connection refused")));
        return true;
    }

    /**
     * While a blackhole is in force on the camera's HTTP traffic (camera to server only when {@code upstreamOnly}: an
     * upload's answer is judged when it would come), {@code f} fails at the request timeout: nothing came back.
     */
    private boolean timedOut(CompletableFuture<?> f, boolean upstreamOnly) {
        boolean silent = upstreamOnly ? network.silent(deviceId, SimNetwork.Channel.HTTP, true)
                : network.silent(deviceId, SimNetwork.Channel.HTTP);
        if (!silent) {
            return false;
        }
        network.clock().schedule(REQUEST_TIMEOUT_MILLIS, () -> f.completeExceptionally(timeout()));
        return true;
    }

    private static IllegalStateException timeout() {
        return new IllegalStateException("no answer within the request timeout (" + REQUEST_TIMEOUT_MILLIS + " ms)");
    }

    /** Uploads in flight stop unfinished: the store keeps nothing of them. */
    @Override
    public void interrupt(String reason) {
        Map<CompletableFuture<Long>, Timer> stopped = new LinkedHashMap<>(inFlight);
        inFlight.clear();
        stopped.forEach((f, arrival) -> {
            arrival.cancel();
            f.completeExceptionally(new IllegalStateException("interrupted: " + reason));
        });
    }

    /** Nothing to give back: the simulated network holds no connections. */
    @Override
    public void disconnectIdle() {
    }

    @Override
    public void cancelUpload(SegmentManifest segment) {
        attempt.merge(segment.segmentId(), 1, Integer::sum);
    }

    /** A range of a hosted image, one round trip and its bytes at the camera's dock rate away; 404 for an unknown path. */
    @Override
    public CompletionStage<byte[]> firmware(String path, long offset, int length) {
        CompletableFuture<byte[]> f = new CompletableFuture<>();
        long there = up();
        long back = down();
        if (refused(f, there + back) || timedOut(f, false)) {
            return f;
        }
        Optional<FirmwareImage> image = store.firmware().image(path);
        if (image.isEmpty() || offset < 0 || offset >= image.get().length() || length <= 0) {
            network.clock().schedule(there + back, () -> f.completeExceptionally(new IllegalStateException(
                    image.isEmpty() ? "404 no firmware at " + path : "416 range " + offset + "+" + length + " outside the image")));
            return f;
        }
        int n = (int) Math.min(length, image.get().length() - offset);
        byte[] bytes = new byte[n];
        image.get().read(offset, bytes, 0, n);
        long transfer = (long) Math.ceil(n / bytesPerSecond * 1000);
        network.clock().schedule(there + transfer + back, () -> f.complete(bytes));
        return f;
    }

    /** An offer as the config answer carries it: the JSON of an {@code updateFirmware} command's params. */
    private static String json(FirmwareOffer offer) {
        try {
            return JSON.writeValueAsString(offer.params());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an offer's params always serialise", e);
        }
    }

    private static String sha256(SegmentSource payload) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            ByteBuf chunk = Unpooled.buffer(HASH_CHUNK);
            for (long off = 0; off < payload.length(); off += HASH_CHUNK) {
                int n = (int) Math.min(HASH_CHUNK, payload.length() - off);
                chunk.clear();
                payload.read(off, n, chunk);
                d.update(chunk.nioBuffer());
            }
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
