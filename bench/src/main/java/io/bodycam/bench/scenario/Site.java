package io.bodycam.bench.scenario;

/**
 * The station the cameras dock at: how many dock bays (8 per dock [S28]) and the site uplink all
 * uploads share. A camera that docks when every bay is taken waits for one; each uploading camera gets
 * its own dock bandwidth [S7] or a fair share of the uplink, whichever is less.
 *
 * <p>Its cameras also share its connections to the evidence backend: at most {@code uploadConnections}
 * docked cameras talk to the backend at once (each gives its connection back when it has sent everything),
 * so the bench's open files stay within a budget however many cameras dock together.
 *
 * @param bays          dock bays in all (0: as many as there are cameras)
 * @param uplinkBitsPerSecond the shared uplink (0: unlimited)
 * @param uploadConnections upload connections open at once (0: what the bench's open-file limit leaves over)
 */
public record Site(int bays, double uplinkBitsPerSecond, int uploadConnections) {

    /** Enough bays, an unlimited uplink, the open-file budget's connections. */
    public static final Site UNLIMITED = new Site(0, 0, 0);

    public Site {
        if (bays < 0) {
            throw new IllegalArgumentException("bays must be >= 0, was " + bays);
        }
        if (!(uplinkBitsPerSecond >= 0)) {
            throw new IllegalArgumentException("uplink must be >= 0 bit/s, was " + uplinkBitsPerSecond);
        }
        if (uploadConnections < 0) {
            throw new IllegalArgumentException("uploadConnections must be >= 0, was " + uploadConnections);
        }
    }

    /** {@code docks} docks of {@code baysPerDock} bays each. */
    public static Site of(int docks, int baysPerDock, double uplinkBitsPerSecond, int uploadConnections) {
        if (docks < 0 || baysPerDock < 1) {
            throw new IllegalArgumentException("docks must be >= 0 and baysPerDock >= 1, was " + docks + " x " + baysPerDock);
        }
        return new Site(docks * baysPerDock, uplinkBitsPerSecond, uploadConnections);
    }
}
