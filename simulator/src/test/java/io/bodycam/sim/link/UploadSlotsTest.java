package io.bodycam.sim.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A dock site's upload slots: first come, first served; a slot given back goes to the longest waiter. */
class UploadSlotsTest {

    @Test
    void slots_go_to_the_askers_in_order_and_come_back() {
        UploadSlots.Bounded slots = (UploadSlots.Bounded) UploadSlots.bounded(2);
        List<String> granted = new ArrayList<>();
        UploadSlots.Ticket a = slots.request(() -> granted.add("a"));
        UploadSlots.Ticket b = slots.request(() -> granted.add("b"));
        UploadSlots.Ticket c = slots.request(() -> granted.add("c"));
        UploadSlots.Ticket d = slots.request(() -> granted.add("d"));
        assertEquals(List.of("a", "b"), granted);
        assertEquals(2, slots.peakWaiting());

        c.close();
        b.close();
        b.close();
        assertEquals(List.of("a", "b", "d"), granted, "c withdrew before its turn; closing b twice frees one slot");
        assertEquals(2, slots.held());

        a.close();
        d.close();
        assertEquals(0, slots.held());
    }

    @Test
    void unlimited_grants_at_once_and_a_site_needs_a_slot() {
        List<String> granted = new ArrayList<>();
        UploadSlots.UNLIMITED.request(() -> granted.add("x")).close();
        assertEquals(List.of("x"), granted);
        assertThrows(IllegalArgumentException.class, () -> UploadSlots.bounded(0));
    }
}
