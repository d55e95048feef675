package io.bodycam.bench.fleet;

import com.sun.management.UnixOperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * Open files as a budget: every camera holds one MQTT socket for the whole run, and what the process's
 * open-file limit leaves over, less a reserve, goes to upload connections, which the cameras of a dock
 * site take turns on ({@link io.bodycam.sim.link.UploadSlots}). Against the embedded backend each socket
 * counts twice: its other end is in this process too.
 */
final class OpenFileBudget {

    /** Files besides the cameras' sockets: jars, the run record, event loops, the observer, servers. */
    static final int RESERVE = 1_024;
    /** The fewest upload connections a site gets, however tight the limit. */
    static final int MIN_CONNECTIONS = 16;

    private OpenFileBudget() {
    }

    /**
     * Refuses, before a socket is opened, a fleet whose MQTT sockets alone would not fit in {@code limit} open files
     * with the reserve: such a run would fail part-way with "Too many open files", after some cameras connected.
     *
     * @throws IllegalStateException naming what the fleet needs, what the limit is, and the two ways out
     */
    static void requireRoom(long limit, int cameras, boolean embeddedBackend) {
        int ends = embeddedBackend ? 2 : 1;
        long needed = (long) cameras * ends + RESERVE + MIN_CONNECTIONS * ends;
        if (needed > limit) {
            throw new IllegalStateException(String.format(Locale.ROOT, "%,d cameras need about %,d open files (a socket"
                    + " each%s, %,d upload connections and %,d for the rest), and this process may open %,d: raise its"
                    + " limit (ulimit -n, up to ulimit -Hn) or split the fleet into shards (bodycam run --shard)", cameras,
                    needed, embeddedBackend ? ", twice against the embedded backend" : "", MIN_CONNECTIONS, RESERVE, limit));
        }
    }

    /** Upload connections for {@code cameras} cameras within {@code limit} open files. */
    static int uploadConnections(long limit, int cameras, boolean embeddedBackend) {
        int ends = embeddedBackend ? 2 : 1;
        long left = (limit - RESERVE - (long) cameras * ends) / ends;
        return (int) Math.max(MIN_CONNECTIONS, Math.min(Integer.MAX_VALUE, left));
    }

    /** This process's open-file limit, or {@link Long#MAX_VALUE} where the platform does not say. */
    static long processLimit() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean unix
                ? unix.getMaxFileDescriptorCount() : Long.MAX_VALUE;
    }
}
