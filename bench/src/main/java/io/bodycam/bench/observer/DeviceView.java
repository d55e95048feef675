package io.bodycam.bench.observer;

import java.util.Map;
import java.util.Optional;

/**
 * What the backend knows about one camera at one moment: an immutable snapshot built from the
 * messages it published (contract topics {@code status}, {@code state}, {@code gps}, ...). Times are
 * the observer's virtual time at arrival (epoch ms).
 *
 * @param agency the agency level of the topic the camera last published on
 * @param presence from {@code status}, the Last Will included
 * @param presenceChangedAt when presence last changed; -1 if never
 * @param presenceChanges how many times presence changed (a reconnecting camera counts two per drop)
 * @param offlineReason the {@code reason} of the latest {@code offline} status, while offline
 * @param firmware the firmware named by the latest {@code status} or {@code state}
 * @param lastSeenAt when any message from the camera last arrived
 * @param seq the seq bookkeeping per topic; a kind never seen is absent
 * @param malformed messages from this camera that broke the contract
 */
public record DeviceView(
        String deviceId,
        String agency,
        Presence presence,
        long presenceChangedAt,
        long presenceChanges,
        Optional<String> offlineReason,
        Optional<String> firmware,
        long lastSeenAt,
        Optional<DeviceState> state,
        Optional<GpsReport> gps,
        Map<TopicKind, SeqCounts> seq,
        long malformed) {

    /** Whether the camera is connected, as far as its {@code status} messages say. */
    public enum Presence { UNKNOWN, ONLINE, OFFLINE }

    public DeviceView {
        seq = Map.copyOf(seq);
    }

    public boolean online() {
        return presence == Presence.ONLINE;
    }

    public SeqCounts seq(TopicKind kind) {
        return seq.getOrDefault(kind, SeqCounts.NONE);
    }

    /** Well-formed messages received from this camera on one topic. */
    public long received(TopicKind kind) {
        return seq(kind).received();
    }
}
