package io.bodycam.sim.simnet;

import io.bodycam.sim.link.EvidenceLink;
import io.bodycam.sim.upload.UploadPacer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The evidence server of simulated mode, in memory: it hashes every byte a camera uploads, keeps the
 * hash and the number of accepted copies of each segment, and gives the reference verdict on them.
 * Cameras reach it through {@link #link links} paced by their own upload rate and the site's uplink.
 */
public final class SimEvidenceStore {

    /**
     * What the store holds of one segment.
     *
     * @param sha256   the hash of the bytes that arrived
     * @param declared the hash the camera declared for them
     */
    public record Stored(String deviceId, String sha256, String declared, long bytes, int copies) {
        /** The bytes that arrived hash to what the camera declared. */
        public boolean verified() {
            return sha256.equals(declared);
        }
    }

    private final SimNetwork network;
    private final Map<String, Stored> stored = new LinkedHashMap<>();
    private long bytesReceived;
    private long uploads;

    public SimEvidenceStore(SimNetwork network) {
        this.network = network;
    }

    /**
     * The link of camera {@code deviceId}: uploads over the dock at {@code bytesPerSecond} and through
     * {@code uplink}, over LTE at {@code lteBytesPerSecond}.
     */
    public EvidenceLink link(String deviceId, double bytesPerSecond, double lteBytesPerSecond, UploadPacer uplink) {
        if (!(bytesPerSecond > 0) || !(lteBytesPerSecond > 0)) {
            throw new IllegalArgumentException("upload rates must be > 0 bytes/s, were " + bytesPerSecond + " and "
                    + lteBytesPerSecond);
        }
        return new SimEvidenceLink(this, network, deviceId, bytesPerSecond, lteBytesPerSecond, uplink);
    }

    /** Segment ids with what the store holds of each, in the order they first arrived. */
    public Map<String, Stored> stored() {
        return java.util.Collections.unmodifiableMap(stored);
    }

    /** Uploads that reached the store whole. */
    public long uploads() {
        return uploads;
    }

    /** Bytes of every upload that reached the store whole. */
    public long bytesReceived() {
        return bytesReceived;
    }

    Stored lookup(String segmentId) {
        return stored.get(segmentId);
    }

    void accept(String deviceId, String segmentId, String sha256, String declared, long bytes) {
        uploads++;
        bytesReceived += bytes;
        Stored before = stored.get(segmentId);
        stored.put(segmentId, new Stored(deviceId, sha256, declared, bytes, before == null ? 1 : before.copies() + 1));
    }
}
