package io.bodycam.sim.state;

/** What went wrong, as the {@code code} of an {@code error} event (docs/contract/README.md). */
public enum ErrorCode {
    /** The dock's {@code GET /time} failed. */
    TIME_SYNC("time-sync"),
    /** The dock's {@code GET /devices/{id}/config} failed. */
    CONFIG_SYNC("config-sync"),
    /** The dock's configuration had a bad key or value; nothing of it was applied. */
    CONFIG_REJECTED("config-rejected"),
    /** The {@code firmware} object of the dock's configuration is malformed. */
    FIRMWARE_OFFER("firmware-offer"),
    /** A segment's MP4 file could not be written (mp4 mode). */
    SEGMENT_WRITE("segment-write"),
    /** A purged segment's MP4 file could not be deleted (mp4 mode). */
    SEGMENT_DELETE("segment-delete"),
    /** An internal failure injected through {@code Camera.fail}: the camera shows an error until rebooted [S19]. */
    INTERNAL("internal");

    private final String wireName;

    ErrorCode(String wireName) {
        this.wireName = wireName;
    }

    /** The code in payloads, as the contract spells it. */
    public String wireName() {
        return wireName;
    }
}
