package io.bodycam.bench.observer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bodycam.bench.observer.SeqCounts;
import io.bodycam.bench.observer.internal.SeqTracker.Verdict;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SeqTrackerTest {

    private final SeqTracker tracker = new SeqTracker();

    private List<Verdict> accept(long... seqs) {
        List<Verdict> verdicts = new ArrayList<>();
        for (long seq : seqs) {
            verdicts.add(tracker.accept(seq, 1_000, false, 0));
        }
        return verdicts;
    }

    @Test
    void messages_in_order_count_no_gap() {
        assertEquals(List.of(Verdict.IN_ORDER, Verdict.IN_ORDER, Verdict.IN_ORDER), accept(0, 1, 2));
        assertEquals(new SeqCounts(3, 3, 0, 0, 0, 0, 0), tracker.counts());
    }

    @Test
    void a_jump_counts_every_skipped_seq_as_missing() {
        assertEquals(List.of(Verdict.IN_ORDER, Verdict.AFTER_GAP), accept(0, 4));
        assertEquals(new SeqCounts(2, 5, 3, 0, 0, 0, 0), tracker.counts());
    }

    @Test
    void the_first_message_is_expected_to_carry_seq_0() {
        assertEquals(List.of(Verdict.AFTER_GAP), accept(2));
        assertEquals(2, tracker.counts().missing());
    }

    @Test
    void a_late_message_fills_its_gap() {
        assertEquals(List.of(Verdict.IN_ORDER, Verdict.AFTER_GAP, Verdict.LATE), accept(0, 2, 1));
        assertEquals(new SeqCounts(3, 3, 0, 0, 1, 0, 0), tracker.counts());
    }

    @Test
    void a_seq_seen_before_with_an_old_timestamp_is_a_duplicate() {
        assertEquals(List.of(Verdict.IN_ORDER, Verdict.IN_ORDER, Verdict.DUPLICATE, Verdict.DUPLICATE), accept(0, 1, 1, 0));
        assertEquals(new SeqCounts(4, 2, 0, 2, 0, 0, 0), tracker.counts());
    }

    @Test
    void a_lower_seq_with_a_newer_timestamp_restarts_the_sequence() {
        tracker.accept(0, 1_000, false, 0);
        tracker.accept(1, 2_000, false, 0);

        assertEquals(Verdict.RESTART, tracker.accept(0, 9_000, false, 0), "after a reboot");
        assertEquals(Verdict.IN_ORDER, tracker.accept(1, 9_500, false, 0));
        assertEquals(new SeqCounts(4, 2, 0, 0, 0, 1, 0), tracker.counts());
    }

    @Test
    void a_retained_message_is_history_and_starts_no_sequence() {
        assertEquals(Verdict.REPLAY, tracker.accept(41, 9_000, true, 0), "an earlier run's retained state");
        assertEquals(Verdict.IN_ORDER, tracker.accept(0, 1_000, false, 0), "today's first message");
        assertEquals(new SeqCounts(1, 1, 0, 0, 0, 0, 0), tracker.counts());
    }

    @Test
    void a_retained_replay_of_a_seen_message_is_ignored() {
        accept(0, 1, 2);
        assertEquals(Verdict.REPLAY, tracker.accept(2, 1_000, true, 0));
        assertEquals(new SeqCounts(3, 3, 0, 0, 0, 0, 0), tracker.counts());
    }

    @Test
    void only_the_latest_gaps_are_remembered() {
        accept(0, 5_001);
        assertEquals(5_000, tracker.counts().missing());

        assertEquals(Verdict.LATE, tracker.accept(5_000, 1_000, false, 0), "inside the remembered window");
        assertEquals(Verdict.DUPLICATE, tracker.accept(1, 1_000, false, 0), "before the window: taken for a repeat");
        assertEquals(new SeqCounts(4, 5_002, 4_999, 1, 1, 0, 0), tracker.counts());
    }

    @Test
    void a_gap_across_a_reconnection_of_the_observer_counts_as_unobserved() {
        accept(0, 1);

        assertEquals(Verdict.IN_ORDER, tracker.accept(5, 1_000, false, 1), "first message after the reconnection");
        assertEquals(Verdict.AFTER_GAP, tracker.accept(7, 1_000, false, 1), "a gap while connected again");
        assertEquals(new SeqCounts(4, 8, 1, 0, 0, 0, 3), tracker.counts());
    }
}
