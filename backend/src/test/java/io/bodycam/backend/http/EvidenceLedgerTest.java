package io.bodycam.backend.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The ledger judges like a correct evidence system: one accepted copy, corrupt quarantined, corrupt then fixed. */
class EvidenceLedgerTest {

    private static final String GOOD = "a".repeat(64);
    private static final String BAD = "b".repeat(64);

    private final EvidenceLedger ledger = new EvidenceLedger();

    @Test
    void a_corrupt_segment_uploaded_again_correctly_becomes_verified_with_one_copy() {
        ledger.uploadCreated("D", "S", "R", GOOD, 10);
        ledger.uploadCompleted("D", "S", "R", GOOD, BAD, 10);
        ledger.uploadCreated("D", "S", "R", GOOD, 10);

        EvidenceEntry after = ledger.uploadCompleted("D", "S", "R", GOOD, GOOD, 10);

        assertEquals(EvidenceStatus.VERIFIED, after.status());
        assertEquals(1, after.copies());
        assertEquals(1, ledger.snapshot().counters().corrupt());
        assertEquals(1, ledger.snapshot().counters().verified());
    }

    @Test
    void a_corrupt_copy_of_a_verified_segment_does_not_replace_it() {
        ledger.uploadCompleted("D", "S", "R", GOOD, GOOD, 10);

        EvidenceEntry after = ledger.uploadCompleted("D", "S", "R", GOOD, BAD, 10);

        assertEquals(EvidenceStatus.VERIFIED, after.status());
        assertEquals(GOOD, after.computedSha256());
        assertEquals(1, ledger.snapshot().counters().corrupt());
    }

    @Test
    void the_same_segment_and_hash_completing_twice_keeps_one_copy_and_counts_a_duplicate() {
        ledger.uploadCompleted("D", "S", "R", GOOD, GOOD, 10);

        EvidenceEntry after = ledger.uploadCompleted("D", "S", "R", GOOD, GOOD, 10);

        assertEquals(1, after.copies());
        assertEquals(1, ledger.snapshot().counters().duplicatesRejected());
    }

    @Test
    void other_verified_content_under_a_known_segment_id_is_a_second_copy() {
        ledger.uploadCompleted("D", "S", "R", GOOD, GOOD, 10);

        EvidenceEntry after = ledger.uploadCompleted("D", "S", "R", BAD, BAD, 10);

        assertEquals(2, after.copies(), "a camera reusing a segment id shows up as a duplicate");
    }

    @Test
    void a_new_upload_of_a_verified_segment_does_not_make_it_incomplete() {
        ledger.uploadCompleted("D", "S", "R", GOOD, GOOD, 10);

        ledger.uploadCreated("D", "S", "R", GOOD, 10);

        assertEquals(EvidenceStatus.VERIFIED, ledger.entry("D", "S").orElseThrow().status());
    }
}
