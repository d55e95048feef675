package io.bodycam.bench.ledger.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ReadProgressTest {

    @Test
    void a_long_read_says_how_far_it_got_every_few_seconds_and_nothing_in_between() {
        AtomicLong nanos = new AtomicLong();
        StringWriter out = new StringWriter();
        ReadProgress progress = new ReadProgress(new PrintWriter(out, true), Duration.ofSeconds(5), nanos::get);

        progress.start("bucket evidence", 3);
        nanos.addAndGet(Duration.ofSeconds(2).toNanos());
        progress.read(1000);
        nanos.addAndGet(Duration.ofSeconds(4).toNanos());
        progress.read(1000);
        progress.read(500);
        progress.done();

        assertEquals(List.of("reading the store back: bucket evidence, 3 objects",
                "  read back 2/3 objects (2,000 bytes)",
                "read back 3/3 objects (2,500 bytes) of bucket evidence in 6.0 s"), out.toString().lines().toList());
    }
}
