package io.bodycam.backend.http;

import io.bodycam.sim.firmware.FirmwareImage;
import io.bodycam.sim.firmware.FirmwareOffer;
import io.bodycam.sim.firmware.FirmwareSigner;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The reference backend's firmware: released images (deterministic bytes of a given size, {@link
 * FirmwareImage}), served at {@code GET /firmware/{version}} in ranges, and signed with the backend's
 * Ed25519 key, whose public half cameras are configured with ({@code GET /firmware/key} shows it).
 * Also the offer each camera gets at its next dock's config sync. Thread-safe.
 *
 * <p>For the negative path (docs/domain.md#failure-firmware, docs/domain.md#firmware-signing) an offer
 * can carry a signature by a key no camera trusts ({@link Image#BAD_SIGNATURE}), or point at a copy of
 * the image with one byte changed under the genuine signature ({@link Image#TAMPERED}): each must be
 * rejected by the camera.
 */
public final class FirmwareReleases {

    /** What a camera is offered. */
    public enum Image {
        /** The image and its genuine signature. */
        GENUINE,
        /** The genuine image, its manifest signed by a key no camera trusts. */
        BAD_SIGNATURE,
        /** A copy with one byte changed, offered with the genuine manifest and signature. */
        TAMPERED
    }

    /** A released image and its SHA-256. */
    public record Release(FirmwareImage image, String sha256) {
    }

    private final FirmwareSigner signer = FirmwareSigner.generate();
    private final FirmwareSigner rogue = FirmwareSigner.generate();
    private final Map<String, Release> releases = new ConcurrentHashMap<>();
    private final Map<String, FirmwareOffer> offers = new ConcurrentHashMap<>();
    private final LongAdder ranges = new LongAdder();
    private final LongAdder bytes = new LongAdder();

    /** The key cameras must trust: base64 of its X.509 encoding. */
    public String publicKey() {
        return signer.publicKey();
    }

    /**
     * Releases {@code version} as an image of {@code size} bytes (hashing it once); releasing it again
     * with the same size returns the same release.
     *
     * @throws IllegalArgumentException for a bad version, or a version already released with another size
     */
    public Release publish(String version, long size) {
        Release r = releases.computeIfAbsent(version, v -> {
            FirmwareImage image = FirmwareImage.of(v, size);
            return new Release(image, image.sha256());
        });
        if (r.image().length() != size) {
            throw new IllegalArgumentException("firmware " + version + " is already released with "
                    + r.image().length() + " bytes, not " + size);
        }
        return r;
    }

    public Optional<Release> release(String version) {
        return Optional.ofNullable(releases.get(version));
    }

    /**
     * An offer of a released version with the download window {@code [windowStart, windowEnd]} (the
     * backend's clock, epoch ms).
     */
    public FirmwareOffer offer(String version, Image kind, long windowStart, long windowEnd) {
        Release r = release(version).orElseThrow(() -> new IllegalArgumentException("firmware " + version + " is not released"));
        String path = "/firmware/" + version + (kind == Image.TAMPERED ? "?variant=tampered" : "");
        return (kind == Image.BAD_SIGNATURE ? rogue : signer).offer(r.image(), r.sha256(), path, windowStart, windowEnd);
    }

    /** Puts {@code offer} in the camera's config answer, for its next dock. */
    public void offerTo(String deviceId, FirmwareOffer offer) {
        offers.put(deviceId, offer);
    }

    /** The offer in a camera's config answer, if any. */
    public Optional<FirmwareOffer> offerFor(String deviceId) {
        return Optional.ofNullable(offers.get(deviceId));
    }

    /** Counts a range served. */
    public void served(long length) {
        ranges.increment();
        bytes.add(length);
    }

    /** Image requests answered with bytes. */
    public long rangesServed() {
        return ranges.sum();
    }

    /** Image bytes sent. */
    public long bytesServed() {
        return bytes.sum();
    }
}
