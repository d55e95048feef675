package io.bodycam.bench.observer.internal;

import io.bodycam.bench.observer.DeviceState;
import io.bodycam.bench.observer.DeviceView;
import io.bodycam.bench.observer.DeviceView.Presence;
import io.bodycam.bench.observer.FleetObserver;
import io.bodycam.bench.observer.GpsReport;
import io.bodycam.bench.observer.SchemaCheck;
import io.bodycam.bench.observer.SeqCounts;
import io.bodycam.bench.observer.TopicKind;
import io.bodycam.bench.observer.internal.SeqTracker.Verdict;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The observer's mutable record of one camera. Paho's callback thread writes it; snapshots are read
 * from any thread, so every method holds the record's (uncontended) lock.
 */
final class DeviceRecord {

    private final String deviceId;
    private String agency;
    private Presence presence = Presence.UNKNOWN;
    private long presenceChangedAt = -1;
    private long presenceChanges;
    private String offlineReason;
    private String firmware;
    private long lastSeenAt;
    private DeviceState state;
    private GpsReport gps;
    private long malformed;
    private final Map<TopicKind, SeqTracker> trackers = new EnumMap<>(TopicKind.class);
    /**
     * The highest seq of a status the camera published itself (not a Will) and this observer heard live;
     * -1 before the first. Retained copies do not count: they may be left over from an earlier run of a
     * camera with the same id, whose seqs started again from 0.
     */
    private long statusSeq = -1;
    /** Messages of each topic kind that passed the basic checks, for the schema sample ({@link SchemaCheck}). */
    private final long[] passed = new long[TopicKind.values().length];
    /** The same for {@code events}, by type (at most {@link FleetModel#MAX_EVENT_TYPES}, the rest together). */
    private final Map<String, long[]> passedEvents = new HashMap<>();

    DeviceRecord(String deviceId, String agency) {
        this.deviceId = deviceId;
        this.agency = agency;
    }

    synchronized void seen(String agency, long now) {
        this.agency = agency;
        this.lastSeenAt = now;
    }

    synchronized Verdict track(TopicKind kind, long seq, long ts, boolean retained, int epoch) {
        if (kind == TopicKind.STATUS && !retained) {
            statusSeq = Math.max(statusSeq, seq);
        }
        return trackers.computeIfAbsent(kind, k -> new SeqTracker()).accept(seq, ts, retained, epoch);
    }

    /**
     * A Will is stale when its seq is below a status the camera said after it: the camera reserves the
     * Will's seq right after its {@code online} (online n, Will n+1), so a Will older than the latest
     * status belongs to a connection the camera has already replaced.
     */
    synchronized boolean staleWill(long seq) {
        return seq < statusSeq;
    }

    String deviceId() {
        return deviceId;
    }

    synchronized Presence presenceNow() {
        return presence;
    }

    /** Offline only because the observer lost track of it ({@link FleetObserver#PRESENCE_UNKNOWN}). */
    synchronized boolean presenceUnknown() {
        return presence == Presence.OFFLINE && FleetObserver.PRESENCE_UNKNOWN.equals(offlineReason);
    }

    /** Applies a status; returns the change in the fleet's online count (-1, 0 or +1). */
    synchronized int presence(boolean online, String reason, String firmware, long now) {
        if (firmware != null) {
            this.firmware = firmware;
        }
        Presence next = online ? Presence.ONLINE : Presence.OFFLINE;
        offlineReason = online ? null : reason;
        if (next == presence) {
            return 0;
        }
        int delta = online ? 1 : presence == Presence.ONLINE ? -1 : 0;
        presence = next;
        presenceChangedAt = now;
        presenceChanges++;
        return delta;
    }

    synchronized void state(DeviceState state) {
        this.state = state;
        state.firmware().ifPresent(f -> firmware = f);
    }

    synchronized void gps(GpsReport gps) {
        this.gps = gps;
    }

    /**
     * How many messages of this camera's stream ({@code kind}, and on {@code events} the {@code eventType})
     * passed the basic checks before this one, which counts from now on.
     */
    synchronized long passed(TopicKind kind, String eventType) {
        if (kind != TopicKind.EVENTS) {
            return passed[kind.ordinal()]++;
        }
        String key = passedEvents.size() < FleetModel.MAX_EVENT_TYPES || passedEvents.containsKey(eventType)
                ? eventType : FleetModel.OTHER_EVENT_TYPES;
        return passedEvents.computeIfAbsent(key, k -> new long[1])[0]++;
    }

    synchronized void malformed() {
        malformed++;
    }

    /** Adds each topic's seq counts to its fleet sum, by {@link TopicKind#ordinal()}. */
    synchronized void addSeq(SeqSum[] sums) {
        trackers.forEach((kind, tracker) -> tracker.addTo(sums[kind.ordinal()]));
    }

    /** The latest GPS report, or null before the first. */
    synchronized GpsReport gps() {
        return gps;
    }

    synchronized DeviceView view() {
        Map<TopicKind, SeqCounts> seq = new EnumMap<>(TopicKind.class);
        trackers.forEach((kind, tracker) -> seq.put(kind, tracker.counts()));
        return new DeviceView(deviceId, agency, presence, presenceChangedAt, presenceChanges,
                Optional.ofNullable(offlineReason), Optional.ofNullable(firmware), lastSeenAt,
                Optional.ofNullable(state), Optional.ofNullable(gps), seq, malformed);
    }
}
