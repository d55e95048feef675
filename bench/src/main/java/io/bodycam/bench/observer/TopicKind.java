package io.bodycam.bench.observer;

import java.util.Optional;

/**
 * The device-to-backend topics of the contract ({@code docs/contract/README.md}), each under
 * {@code bwc/v1/{agency}/{deviceId}/}, with the QoS the observer subscribes at.
 */
public enum TopicKind {
    STATUS("status", 1),
    STATE("state", 1),
    /** QoS 0: a gap here is a lost message, not a contract violation. */
    GPS("gps", 0),
    EVENTS("events", 1),
    ACK("cmd/ack", 1);

    /** {@link #values()} once: {@link #ofSuffix} runs for every message the observer gets. */
    private static final TopicKind[] ALL = values();

    private final String suffix;
    private final int qos;

    TopicKind(String suffix, int qos) {
        this.suffix = suffix;
        this.qos = qos;
    }

    /** The topic levels after the device id, e.g. {@code cmd/ack}. */
    public String suffix() {
        return suffix;
    }

    public int qos() {
        return qos;
    }

    /** The subscription filter for this kind, e.g. {@code bwc/v1/kcpd/+/state}. */
    public String filter(String agency) {
        return "bwc/v1/" + agency + "/+/" + suffix;
    }

    public static Optional<TopicKind> ofSuffix(String suffix) {
        for (TopicKind kind : ALL) {
            if (kind.suffix.equals(suffix)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
