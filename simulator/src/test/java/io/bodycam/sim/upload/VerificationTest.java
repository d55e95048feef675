package io.bodycam.sim.upload;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class VerificationTest {

    private static final String SHA = "ab".repeat(32);

    @Test
    void only_a_verified_copy_with_the_cameras_hash_confirms_it() {
        assertTrue(new Verification("D", "S", Verification.Status.VERIFIED, "R", SHA, 1, 1).confirms(SHA));
        assertFalse(new Verification("D", "S", Verification.Status.VERIFIED, "R", "cd".repeat(32), 1, 1).confirms(SHA));
        assertFalse(new Verification("D", "S", Verification.Status.CORRUPT, "R", SHA, 1, 0).confirms(SHA));
        assertFalse(Verification.unknown("D", "S").confirms(SHA));
    }
}
