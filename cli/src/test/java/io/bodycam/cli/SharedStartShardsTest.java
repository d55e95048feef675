package io.bodycam.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bodycam.backend.ReferenceBackend;
import io.bodycam.record.RunRecord;
import io.bodycam.sim.time.WallClock;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Shards given one {@code --start-at} wait for it once ready and begin their timelines together: the
 * merged record says how far apart ({@code run.startSpread}), measured by each shard's own clock, and
 * every shard's virtual time starts at that instant, so their cameras' timestamps line up too.
 */
class SharedStartShardsTest {

    private static int bodycam(StringWriter out, String... args) {
        return BodycamCli.execute(new PrintWriter(out), new PrintWriter(out), args);
    }

    @Test
    void shards_with_one_start_instant_begin_their_timelines_together(@TempDir Path dir) throws Exception {
        try (ReferenceBackend backend = ReferenceBackend.start(WallClock.startingAt(System.currentTimeMillis(), 60, nanos -> { }))) {
            Path scenario = dir.resolve("together.yaml");
            Files.writeString(scenario, """
                    name: together
                    seed: 5
                    duration: 10m
                    clock: {speed: 60}
                    payloadScale: 0.001
                    backend:
                      clock: virtual
                      mqtt: %s
                      upload: %s
                    fleet:
                      - count: 6
                        idPattern: "TOG-{index:0}"
                    behaviour:
                      incidentsPerHour: 0
                    timeline:
                      - at: 0s
                        powerOn: {}
                    assertions:
                      - mqtt.malformed == 0
                    """.formatted(backend.mqtt(), backend.upload()));
            Instant start = Instant.now().plusSeconds(15).truncatedTo(ChronoUnit.SECONDS);
            StringWriter[] logs = {new StringWriter(), new StringWriter(), new StringWriter()};
            List<CompletableFuture<Integer>> shards = List.of(0, 1, 2).stream().map(i -> CompletableFuture.supplyAsync(() ->
                    bodycam(logs[i], "run", scenario.toString(), "--shard", i + "/3", "--out", dir.resolve("shard-" + i).toString(),
                            "--threads", "1", "--start-at", start.toString()))).toList();
            for (int i = 0; i < 3; i++) {
                assertEquals(0, shards.get(i).get(), logs[i].toString());
                assertTrue(logs[i].toString().contains("waiting for the shared start at " + start), logs[i].toString());
                RunRecord shard = RunRecord.open(dir.resolve("shard-" + i));
                double startedAt = shard.metric("run.startedAt").orElseThrow();
                assertTrue(Math.abs(startedAt - start.toEpochMilli()) < 100, "shard " + i + " began at " + startedAt
                        + ", the shared start is " + start.toEpochMilli());
                String firstEvent = Files.readAllLines(dir.resolve("shard-" + i).resolve(RunRecord.EVENTS)).get(0);
                JsonNode first = new ObjectMapper().readTree(firstEvent);
                long t = first.path("t").asLong();
                assertTrue(t >= start.toEpochMilli(), "virtual time starts at the shared instant: " + firstEvent);
                // wallMs counts from the timeline's start, not from before the wait: the event happened when it was due
                double due = start.toEpochMilli() + (t - start.toEpochMilli()) / 60.0;
                double late = startedAt + first.path("wallMs").asLong() - due;
                assertTrue(late > -100 && late < 5_000, "shard " + i + "'s first event happened " + late + " ms after it was due: "
                        + firstEvent);
            }
            StringWriter out = new StringWriter();
            assertEquals(0, bodycam(out, "report", "merge", dir.resolve("shard-0").toString(), dir.resolve("shard-1").toString(),
                    dir.resolve("shard-2").toString(), "--out", dir.resolve("merged").toString()), out.toString());
            RunRecord merged = RunRecord.open(dir.resolve("merged"));
            double spread = merged.metric("run.startSpread").orElseThrow();
            assertTrue(spread >= 0 && spread < 100, "the shards' timelines began " + spread + " ms apart");
            assertTrue(out.toString().contains("their timelines began within"), out.toString());
        }
    }

    @Test
    void a_start_that_has_passed_is_refused(@TempDir Path dir) throws Exception {
        Path scenario = dir.resolve("s.yaml");
        Files.writeString(scenario, "name: s\nduration: 1m\nfleet:\n  - count: 1\nassertions:\n  - mqtt.malformed == 0\n");
        StringWriter out = new StringWriter();
        assertEquals(2, bodycam(out, "run", scenario.toString(), "--start-at", "2020-01-01T00:00:00Z"), out.toString());
        assertTrue(out.toString().contains("--start-at 2020-01-01T00:00:00Z has passed"), out.toString());
        out = new StringWriter();
        assertEquals(2, bodycam(out, "run", scenario.toString(), "--start-at", "tomorrow"), out.toString());
        assertTrue(out.toString().contains("--start-at must be an instant with its offset"), out.toString());
    }
}
