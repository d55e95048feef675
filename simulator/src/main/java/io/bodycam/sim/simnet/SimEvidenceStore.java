package io.bodycam.sim.simnet;

import io.bodycam.sim.link.EvidenceLink;
import io.bodycam.sim.upload.UploadPacer;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The evidence server of simulated mode, in memory: it hashes every byte a camera uploads, keeps the
 * hash and the number of accepted copies of each segment (a duplicate of the held bytes is turned away, as
 * the reference backend does), and gives the reference verdict on them.
 * Cameras reach it through {@link #link links} paced by their own upload rate and the site's uplink.
 *
 * <p>Faults as the reference server's, on upload requests: a share answered with a 5xx before anything is
 * kept, a delay before every answer (virtual time), a share whose upload is kept but whose answer is lost
 * (the connection closes). Which request draws which comes from the run's seeded generator.
 *
 * <p>Firmware comes from a {@link FirmwareHost}: its offer rides in a camera's config answer, its images are
 * read in ranges at the camera's dock rate.
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

    /**
     * Injected faults; {@link #NONE} injects nothing.
     *
     * @param errorShare  share of uploads answered {@code errorStatus} at once (0..1)
     * @param errorStatus 500..599
     * @param delayMillis virtual time added before every upload answer
     * @param lostShare   share of uploads kept whose answer is lost (0..1)
     * @param lostHang    a lost answer leaves the request hanging until the camera's request timeout, rather than
     *                    closing its connection at once
     */
    public record Faults(double errorShare, int errorStatus, long delayMillis, double lostShare, boolean lostHang) {

        public static final Faults NONE = new Faults(0, 503, 0, 0, false);

        public Faults {
            if (!(errorShare >= 0 && errorShare <= 1) || !(lostShare >= 0 && lostShare <= 1)) {
                throw new IllegalArgumentException("shares must be 0..1, were " + errorShare + " and " + lostShare);
            }
            if (errorStatus < 500 || errorStatus > 599) {
                throw new IllegalArgumentException("error status must be 500..599, was " + errorStatus);
            }
            if (delayMillis < 0) {
                throw new IllegalArgumentException("delay must be >= 0, was " + delayMillis);
            }
        }

        /** These faults, with {@code share} of uploads answered {@code status}. */
        public Faults withErrors(double share, int status) {
            return new Faults(share, status, delayMillis, lostShare, lostHang);
        }

        /** These faults, with {@code millis} before every answer. */
        public Faults withDelay(long millis) {
            return new Faults(errorShare, errorStatus, millis, lostShare, lostHang);
        }

        /**
         * These faults, with {@code share} of answers lost: the connection closed before the answer, or with
         * {@code hang} left open with no answer until the camera's request timeout.
         */
        public Faults withLostResponses(double share, boolean hang) {
            return new Faults(errorShare, errorStatus, delayMillis, share, hang);
        }
    }

    private final SimNetwork network;
    private final Map<String, Stored> stored = new LinkedHashMap<>();
    private final Map<String, SimEvidenceLink> links = new HashMap<>();
    private Faults faults = Faults.NONE;
    private FirmwareHost firmware = FirmwareHost.NONE;
    private long errors;
    private long lostResponses;
    private long delayed;
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
        SimEvidenceLink link = new SimEvidenceLink(this, network, deviceId, bytesPerSecond, lteBytesPerSecond, uplink);
        if (links.putIfAbsent(deviceId, link) != null) {
            throw new IllegalArgumentException("camera " + deviceId + " already has a link to this store");
        }
        return link;
    }

    /** Camera {@code deviceId}'s connections break (its network went down): its uploads in flight fail unfinished. */
    public void reset(String deviceId, String reason) {
        SimEvidenceLink link = links.get(deviceId);
        if (link != null) {
            link.interrupt(reason);
        }
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

    /** Hosts {@code firmware}'s offers and images from now on. */
    public void firmware(FirmwareHost firmware) {
        this.firmware = java.util.Objects.requireNonNull(firmware, "firmware");
    }

    FirmwareHost firmware() {
        return firmware;
    }

    public Faults faults() {
        return faults;
    }

    /** Sets the faults in force from now on. */
    public void faults(Faults faults) {
        this.faults = java.util.Objects.requireNonNull(faults, "faults");
    }

    /** Uploads answered with an injected 5xx. */
    public long errors() {
        return errors;
    }

    /** Uploads kept whose answer was lost (injected). */
    public long lostResponses() {
        return lostResponses;
    }

    /** Uploads answered late (injected). */
    public long delayed() {
        return delayed;
    }

    /** Draws whether the upload arriving now is answered with an injected error; counts it. */
    boolean drawError() {
        boolean hit = network.chance(faults.errorShare());
        errors += hit ? 1 : 0;
        return hit;
    }

    /** Draws whether the answer to the upload kept now is lost; counts it. */
    boolean drawLostResponse() {
        boolean hit = network.chance(faults.lostShare());
        lostResponses += hit ? 1 : 0;
        return hit;
    }

    /** The injected delay before an upload's answer; counts a delayed answer. */
    long answerDelay() {
        delayed += faults.delayMillis() > 0 ? 1 : 0;
        return faults.delayMillis();
    }

    Stored lookup(String segmentId) {
        return stored.get(segmentId);
    }

    /**
     * A whole upload arrived, judged by the reference contract's rules: bytes that hash to what the camera
     * declared are kept once; the same bytes again are turned away as a duplicate; bytes that do not are kept as
     * corrupt, unless a good copy is held already, and a later good copy replaces them.
     */
    void accept(String deviceId, String segmentId, String sha256, String declared, long bytes) {
        uploads++;
        bytesReceived += bytes;
        Stored before = stored.get(segmentId);
        boolean held = before != null && before.verified();
        if (held && !sha256.equals(declared)) {
            return;
        }
        if (held && before.sha256().equals(sha256)) {
            return;
        }
        stored.put(segmentId, new Stored(deviceId, sha256, declared, bytes, held ? before.copies() + 1 : 1));
    }
}
