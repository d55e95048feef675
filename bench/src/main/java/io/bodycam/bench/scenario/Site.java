package io.bodycam.bench.scenario;

/**
 * The station the cameras dock at: how many dock bays (8 per dock [S28]) and the site uplink all
 * uploads share. A camera that docks when every bay is taken waits for one; each uploading camera gets
 * its own dock bandwidth [S7] or a fair share of the uplink, whichever is less.
 *
 * @param bays          dock bays in all (0: as many as there are cameras)
 * @param uplinkBitsPerSecond the shared uplink (0: unlimited)
 */
public record Site(int bays, double uplinkBitsPerSecond) {

    /** Enough bays and an unlimited uplink. */
    public static final Site UNLIMITED = new Site(0, 0);

    public Site {
        if (bays < 0) {
            throw new IllegalArgumentException("bays must be >= 0, was " + bays);
        }
        if (!(uplinkBitsPerSecond >= 0)) {
            throw new IllegalArgumentException("uplink must be >= 0 bit/s, was " + uplinkBitsPerSecond);
        }
    }

    /** {@code docks} docks of {@code baysPerDock} bays each. */
    public static Site of(int docks, int baysPerDock, double uplinkBitsPerSecond) {
        if (docks < 0 || baysPerDock < 1) {
            throw new IllegalArgumentException("docks must be >= 0 and baysPerDock >= 1, was " + docks + " x " + baysPerDock);
        }
        return new Site(docks * baysPerDock, uplinkBitsPerSecond);
    }
}
