package io.bodycam.bench.fleet;

import io.bodycam.bench.scenario.Site;
import io.bodycam.sim.link.UploadSlots;
import io.bodycam.sim.upload.UploadPacer;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;

/**
 * The site's docks: a limited number of bays (a camera that finds them all taken waits for one, in
 * order of arrival) and an uplink shared by every upload ({@link #uplink()}). Called from many camera
 * threads; each camera's own actions still run on its thread.
 */
public final class DockStation {

    private final int bays;
    private final Set<FleetMember> docked = new HashSet<>();
    private final Deque<FleetMember> waiting = new ArrayDeque<>();
    private final UploadPacer uplink;
    private final UploadSlots slots;
    private int peakWaiting;

    /**
     * {@code payloadScale} shrinks the uplink as it shrinks the bytes, so upload timing stays real; the
     * site's upload connections are unlimited unless it names a number.
     */
    public DockStation(Site site, double payloadScale) {
        this(site, payloadScale, 0);
    }

    /** As above; a site that names no number of upload connections gets {@code connectionBudget} (0: unlimited). */
    public DockStation(Site site, double payloadScale, int connectionBudget) {
        this.bays = site.bays();
        this.uplink = site.uplinkBitsPerSecond() > 0 ? new SharedLink(site.uplinkBitsPerSecond() / 8 * payloadScale)
                : UploadPacer.UNLIMITED;
        int connections = site.uploadConnections() > 0 ? site.uploadConnections() : connectionBudget;
        this.slots = connections > 0 ? UploadSlots.bounded(connections) : UploadSlots.UNLIMITED;
    }

    /** The upload connections every camera of the site shares. */
    public UploadSlots uploadSlots() {
        return slots;
    }

    /** The pacer every camera's uploads share. */
    public UploadPacer uplink() {
        return uplink;
    }

    /** A camera comes to dock: into a free bay, or the queue. */
    public void arrive(FleetMember m) {
        boolean dock;
        synchronized (this) {
            if (docked.contains(m) || waiting.contains(m)) {
                return;
            }
            dock = bays == 0 || docked.size() < bays;
            if (dock) {
                docked.add(m);
            } else {
                waiting.add(m);
                peakWaiting = Math.max(peakWaiting, waiting.size());
            }
        }
        if (dock) {
            m.camera().dock();
        }
    }

    /** A camera leaves its bay (or the queue); the first waiting camera takes the bay. */
    public void leave(FleetMember m) {
        FleetMember next = null;
        boolean wasDocked;
        synchronized (this) {
            waiting.remove(m);
            wasDocked = docked.remove(m);
            if (wasDocked && !waiting.isEmpty()) {
                next = waiting.poll();
                docked.add(next);
            }
        }
        if (wasDocked) {
            m.camera().undock();
        }
        if (next != null) {
            next.camera().dock();
        }
    }

    /** The longest the queue for a bay got. */
    public synchronized int peakWaiting() {
        return peakWaiting;
    }

    /**
     * A link shared by all cameras in virtual time: each chunk books the link from when it is free, so
     * the uplink's rate holds for the sum of all uploads.
     */
    private static final class SharedLink implements UploadPacer {
        private final double bytesPerSecond;
        private double nextFree = Double.NEGATIVE_INFINITY;

        SharedLink(double bytesPerSecond) {
            this.bytesPerSecond = bytesPerSecond;
        }

        @Override
        public synchronized long reserve(long now, int bytes) {
            double start = Math.max(now, nextFree);
            nextFree = start + bytes * 1000.0 / bytesPerSecond;
            return (long) Math.ceil(start - now);
        }
    }
}
