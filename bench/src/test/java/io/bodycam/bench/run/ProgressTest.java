package io.bodycam.bench.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bodycam.bench.run.record.FleetLook;
import io.bodycam.sim.state.Mode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProgressTest {

    @Test
    void the_line_shows_time_against_the_total_the_fleet_rates_and_failed_assertions() {
        Progress p = new Progress(new PrintWriter(new StringWriter()), false, 7_200_000, 200);
        FleetLook look = new FleetLook(65_000, 3_600_000, 198, Map.of(Mode.RECORDING, 12, Mode.DOCKED, 40), 3);

        assertEquals("  1m05s wall | 1h00m00s / 2h00m00s virtual (50%) | online 198/200 | recording 12 | uploading 3"
                        + " | 1,234 msg/s | 10.50 MB/s up | 1 assertion failed",
                p.line(65_000, look, 1234.4, 10.5e6, 1));
        assertEquals(true, p.line(0, look, 0, 0, 0).endsWith("| no assertion failed yet"));
    }
}
