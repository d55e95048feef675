package io.bodycam.bench.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bodycam.bench.scenario.Scenario;
import io.bodycam.bench.scenario.ScenarioLoader;
import io.bodycam.sim.link.UploadSlots;
import org.junit.jupiter.api.Test;

/** What the open-file limit leaves for upload connections, and a site that names its own number. */
class OpenFileBudgetTest {

    @Test
    void twelve_thousand_cameras_against_an_external_backend_leave_the_rest_of_twenty_thousand_files_for_uploads() {
        assertEquals(20_000 - 1_024 - 12_000, OpenFileBudget.uploadConnections(20_000, 12_000, false));
    }

    @Test
    void against_the_embedded_backend_every_socket_counts_twice() {
        assertEquals((20_000 - 1_024 - 2 * 200) / 2, OpenFileBudget.uploadConnections(20_000, 200, true));
    }

    @Test
    void a_limit_too_tight_still_lets_a_few_cameras_upload() {
        assertEquals(OpenFileBudget.MIN_CONNECTIONS, OpenFileBudget.uploadConnections(4_096, 12_000, false));
    }

    @Test
    void a_fleet_whose_sockets_do_not_fit_the_limit_is_refused_before_it_starts() {
        OpenFileBudget.requireRoom(20_000, 18_960, false);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> OpenFileBudget.requireRoom(20_000, 20_000, false));
        assertTrue(e.getMessage().startsWith("20,000 cameras need about 21,040 open files") && e.getMessage().contains("may open 20,000")
                && e.getMessage().contains("--shard"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> OpenFileBudget.requireRoom(20_000, 9_500, true),
                "against the embedded backend every socket counts twice");
    }

    @Test
    void a_site_that_names_its_upload_connections_gets_that_many() {
        Scenario s = ScenarioLoader.parse("s.yaml", """
                name: site
                duration: 1h
                site:
                  uploadConnections: 40
                fleet:
                  - count: 2
                """);
        assertEquals(40, s.site().uploadConnections());
        UploadSlots slots = new DockStation(s.site(), 1, 5_000).uploadSlots();
        assertTrue(slots instanceof UploadSlots.Bounded b && b.slots() == 40, "the site's own number wins over the budget");
        UploadSlots budget = new DockStation(ScenarioLoader.parse("s.yaml", "name: n\nduration: 1h\nfleet:\n  - count: 2\n").site(), 1, 5_000)
                .uploadSlots();
        assertTrue(budget instanceof UploadSlots.Bounded b && b.slots() == 5_000, "else the budget");
    }
}
