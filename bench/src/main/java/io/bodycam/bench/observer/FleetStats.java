package io.bodycam.bench.observer;

import java.util.Map;
import java.util.Optional;

/**
 * Fleet-wide counts from the observer at one moment, the backend's side of {@code summary.json}
 * ({@code devices.connectedPeak}, {@code mqtt.received}, ...).
 *
 * @param devicesKnown cameras that published at least once
 * @param onlineNow cameras whose latest status is {@code online}
 * @param connectedPeak the most cameras online at once since the observer started
 * @param received messages that arrived per topic kind, malformed ones included
 * @param seq the seq bookkeeping per topic kind, summed over cameras
 * @param malformed messages that broke the contract (not JSON, field missing, ...)
 * @param schemaChecked messages validated against their schema in {@code docs/contract/asyncapi.yaml}: every one
 *     that passed the basic checks, or a sample of them ({@link SchemaCheck})
 * @param firstMalformed the first of them, as an example
 * @param eventsByType {@code events} messages per {@code type}
 * @param unmatchedAcks {@code cmd/ack} messages that answered no pending command (late, or unknown id)
 * @param latencyOutOfRange messages whose latency was negative (device clock ahead) or over an hour,
 *     left out of the histograms
 * @param reconnects times the observer itself reconnected to the broker (it may have missed messages
 *     meanwhile: it uses a clean session)
 */
public record FleetStats(
        int devicesKnown,
        int onlineNow,
        int connectedPeak,
        Map<TopicKind, Long> received,
        Map<TopicKind, SeqCounts> seq,
        long malformed,
        long schemaChecked,
        Optional<MalformedPayload> firstMalformed,
        Map<String, Long> eventsByType,
        long unmatchedAcks,
        long latencyOutOfRange,
        long reconnects) {

    public FleetStats {
        received = Map.copyOf(received);
        seq = Map.copyOf(seq);
        eventsByType = Map.copyOf(eventsByType);
    }

    /** Messages received on every topic ({@code mqtt.received}). */
    public long receivedTotal() {
        return received.values().stream().mapToLong(Long::longValue).sum();
    }

    public long received(TopicKind kind) {
        return received.getOrDefault(kind, 0L);
    }

    public SeqCounts seq(TopicKind kind) {
        return seq.getOrDefault(kind, SeqCounts.NONE);
    }

    /** Seq numbers missing on QoS 1 topics: messages the broker or the camera failed to deliver. */
    public long qos1Missing() {
        return seq.entrySet().stream().filter(e -> e.getKey().qos() == 1).mapToLong(e -> e.getValue().missing()).sum();
    }

    /** GPS fixes lost on the way (QoS 0 allows it). */
    public long gpsLost() {
        return seq(TopicKind.GPS).missing();
    }

    public long duplicates() {
        return seq.values().stream().mapToLong(SeqCounts::duplicates).sum();
    }

    public long events(String type) {
        return eventsByType.getOrDefault(type, 0L);
    }
}
