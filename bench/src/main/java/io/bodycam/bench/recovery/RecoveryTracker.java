package io.bodycam.bench.recovery;

import io.bodycam.bench.observer.PresenceListener;
import io.bodycam.sim.camera.CameraListener;
import io.bodycam.sim.state.Mode;
import io.bodycam.sim.event.CameraEvent;
import io.bodycam.sim.event.ModeChanged;
import io.bodycam.sim.event.SegmentClosed;
import io.bodycam.sim.event.SegmentDamaged;
import io.bodycam.sim.event.SegmentPurged;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Measures recovery after faults (issue 5, "What the bench proves"): the virtual time from a fault's
 * end to the first moment every powered camera is online again as the backend sees it
 * ({@code recovery.allOnlineAfter}), and to the first moment no recorded segment waits for upload
 * on any camera ({@code recovery.queueDrainedAfter}). Over several faults each is the longest.
 *
 * <p>The runner feeds it three things: every camera event (modes tell which cameras are powered;
 * {@code segment.closed}, {@code segment.purged} and {@code segment.damaged} move the upload queue),
 * the observer's presence changes, and {@link #faultEnded} from the timeline. Thread-safe.
 */
public final class RecoveryTracker implements CameraListener, PresenceListener {

    private final Set<String> powered = new HashSet<>();
    private final Set<String> online = new HashSet<>();
    /** Powered cameras the observer does not see online. */
    private final Set<String> missing = new HashSet<>();
    private final List<Long> waitingOnline = new ArrayList<>();
    private final List<Long> waitingDrain = new ArrayList<>();
    private long queued;
    private long allOnlineAfter = -1;
    private long queueDrainedAfter = -1;
    private int faults;

    /** A fault stopped acting at virtual time {@code at} (epoch ms); recovery is measured from here. */
    public synchronized void faultEnded(long at) {
        faults++;
        waitingOnline.add(at);
        waitingDrain.add(at);
        check(at);
    }

    @Override
    public void onEvent(CameraEvent e) {
        if (e instanceof ModeChanged || e instanceof SegmentClosed || e instanceof SegmentPurged
                || e instanceof SegmentDamaged) {
            counted(e);
        }
    }

    private synchronized void counted(CameraEvent e) {
        if (e instanceof ModeChanged m) {
            if (m.to() == Mode.OFF) {
                powered.remove(e.deviceId());
                missing.remove(e.deviceId());
            } else if (powered.add(e.deviceId()) && !online.contains(e.deviceId())) {
                missing.add(e.deviceId());
            }
        } else if (e instanceof SegmentClosed) {
            queued++;
        } else {
            queued--;
        }
        check(e.time());
    }

    @Override
    public synchronized void presenceChanged(String deviceId, boolean isOnline, String reason, long at) {
        if (isOnline) {
            online.add(deviceId);
            missing.remove(deviceId);
        } else {
            online.remove(deviceId);
            if (powered.contains(deviceId)) {
                missing.add(deviceId);
            }
        }
        check(at);
    }

    /** Longest virtual ms from a fault's end to all powered cameras online; empty if none recovered yet. */
    public synchronized OptionalLong allOnlineAfter() {
        return allOnlineAfter < 0 ? OptionalLong.empty() : OptionalLong.of(allOnlineAfter);
    }

    /** Longest virtual ms from a fault's end to empty upload queues; empty if none drained yet. */
    public synchronized OptionalLong queueDrainedAfter() {
        return queueDrainedAfter < 0 ? OptionalLong.empty() : OptionalLong.of(queueDrainedAfter);
    }

    /** Fault ends after which the fleet has not yet come back online, or not yet drained its queues. */
    public synchronized int unrecovered() {
        return Math.max(waitingOnline.size(), waitingDrain.size());
    }

    public synchronized int faults() {
        return faults;
    }

    /** Segments waiting on cameras for upload (closed, not purged, not held as damaged). */
    public synchronized long queued() {
        return queued;
    }

    private void check(long now) {
        if (!waitingOnline.isEmpty() && missing.isEmpty()) {
            for (long end : waitingOnline) {
                allOnlineAfter = Math.max(allOnlineAfter, Math.max(0, now - end));
            }
            waitingOnline.clear();
        }
        if (!waitingDrain.isEmpty() && queued == 0) {
            for (long end : waitingDrain) {
                queueDrainedAfter = Math.max(queueDrainedAfter, Math.max(0, now - end));
            }
            waitingDrain.clear();
        }
    }
}
