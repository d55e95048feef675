package io.bodycam.sim.upload.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PacerTest {

    @Test
    void the_first_chunk_goes_at_once_and_each_next_waits_its_share_of_the_rate() {
        Pacer pacer = new Pacer(1000);

        assertEquals(0, pacer.reserve(0, 500));
        assertEquals(500, pacer.reserve(0, 500));
        assertEquals(700, pacer.reserve(300, 250));
    }

    @Test
    void time_spent_elsewhere_counts_towards_the_wait() {
        Pacer pacer = new Pacer(1000);
        pacer.reserve(0, 1000);

        assertEquals(0, pacer.reserve(2500, 1000), "the link was idle: no need to wait");
        assertEquals(1000, pacer.reserve(2500, 1000));
    }

    @Test
    void a_rate_of_zero_never_waits() {
        Pacer pacer = new Pacer(0);

        assertEquals(0, pacer.reserve(0, Integer.MAX_VALUE));
        assertEquals(0, pacer.reserve(0, Integer.MAX_VALUE));
    }
}
