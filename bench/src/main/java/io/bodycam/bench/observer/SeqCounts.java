package io.bodycam.bench.observer;

/**
 * The {@code seq} bookkeeping of one topic (of one device, or summed over the fleet): the contract
 * makes {@code seq} grow by 1 per message on each topic, so the backend can see what went missing
 * and what came twice.
 *
 * @param received well-formed messages counted on the topic
 * @param nextExpected the seq the next in-order message should carry (per device; 0 in fleet sums)
 * @param missing seq numbers skipped and not (yet) arrived; on {@link TopicKind#GPS} (QoS 0) these are
 *     lost messages, on QoS 1 topics a delivery failure
 * @param duplicates messages whose seq had been seen before (a QoS 1 redelivery)
 * @param late messages that arrived after a later seq, filling a gap (reordering)
 * @param restarts times the sequence started again from a lower seq with a newer timestamp (a
 *     reboot that resets the counter)
 * @param unobserved seq numbers skipped across a reconnection of the observer itself: sent while it
 *     was away (it uses a clean session), so not counted as {@code missing}
 */
public record SeqCounts(long received, long nextExpected, long missing, long duplicates, long late, long restarts,
        long unobserved) {

    public static final SeqCounts NONE = new SeqCounts(0, 0, 0, 0, 0, 0, 0);
}
