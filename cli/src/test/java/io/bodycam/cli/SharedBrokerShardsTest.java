package io.bodycam.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.bodycam.backend.ReferenceBackend;
import io.bodycam.record.RunRecord;
import io.bodycam.sim.time.WallClock;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two shards side by side against one backend, as the pods of a Kubernetes Indexed Job run against one
 * broker and evidence server: each shard's record counts its own cameras only (its observer ignores the
 * other shard's on the shared broker), so the merged record's fleet-wide figures add up.
 */
class SharedBrokerShardsTest {

    private static final String START = "2027-01-04T06:30:00-06:00";

    private static int bodycam(StringWriter out, String... args) {
        return BodycamCli.execute(new PrintWriter(out), new PrintWriter(out), args);
    }

    @Test
    void shards_sharing_a_broker_each_count_their_own_cameras_and_merge_into_the_whole_fleet(@TempDir Path dir) throws Exception {
        WallClock clock = WallClock.startingAt(OffsetDateTime.parse(START).toInstant().toEpochMilli(), 120, nanos -> { });
        try (ReferenceBackend backend = ReferenceBackend.start(clock)) {
            Path scenario = dir.resolve("shared.yaml");
            Files.writeString(scenario, """
                    name: shared
                    seed: 4
                    start: %s
                    duration: 1h
                    clock: {speed: 120}
                    payloadScale: 0.001
                    backend:
                      clock: virtual
                      mqtt: %s
                      upload: %s
                    fleet:
                      - count: 10
                        idPattern: "SHR-{index:00}"
                    behaviour:
                      incidentsPerHour: 0
                    timeline:
                      - at: 0s
                        powerOn: {over: 5s}
                      - at: 2m
                        surge: {fraction: 50%%, over: 5s, length: 1m}
                      - at: 4m
                        command: {fraction: 100%%, type: locate}
                      - at: 5m
                        dock: {over: 20s}
                    assertions:
                      - devices.connectedPeak == 10
                      - commands.acked == 10
                      - evidence.lost == 0
                      - evidence.pending == 0
                    """.formatted(START, backend.mqtt(), backend.upload()));
            StringWriter[] logs = {new StringWriter(), new StringWriter()};
            List<CompletableFuture<Integer>> shards = List.of(0, 1).stream().map(i -> CompletableFuture.supplyAsync(() ->
                    bodycam(logs[i], "run", scenario.toString(), "--shard", i + "/2", "--out", dir.resolve("shard-" + i).toString(),
                            "--threads", "1"))).toList();
            for (int i = 0; i < 2; i++) {
                assertEquals(0, shards.get(i).get(), "a shard judges its own share:\n" + logs[i]);
                assertTrue(logs[i].toString().contains("PASS  devices.connectedPeak == 10")
                        && logs[i].toString().contains("(judged on this shard's share: devices.connectedPeak == 5 (5 of 10 cameras))"),
                        logs[i].toString());
                assertTrue(logs[i].toString().contains("DEFER commands.acked == 10"), logs[i].toString());
                RunRecord shard = RunRecord.open(dir.resolve("shard-" + i));
                assertEquals(5.0, shard.metric("devices.connectedPeak").orElseThrow(), "shard " + i + " saw only its own cameras");
                assertEquals(5.0, shard.metric("commands.acked").orElseThrow());
                for (String line : Files.readAllLines(dir.resolve("shard-" + i).resolve(RunRecord.GPS))) {
                    int index = Integer.parseInt(new ObjectMapper().readTree(line).path("deviceId").asText().substring(4));
                    assertEquals(i, (index - 1) % 2, "shard " + i + "'s GPS log holds " + line);
                }
            }
            StringWriter out = new StringWriter();
            assertEquals(0, bodycam(out, "report", "merge", dir.resolve("shard-0").toString(), dir.resolve("shard-1").toString(),
                    "--out", dir.resolve("merged").toString()), out.toString());
            RunRecord merged = RunRecord.open(dir.resolve("merged"));
            double published = merged.metric("mqtt.published").orElseThrow();
            double received = merged.metric("mqtt.received").orElseThrow();
            assertTrue(received <= published && received >= 0.95 * published,
                    "each message counted once: " + received + " received of " + published + " published");
            assertEquals(10.0, merged.metric("devices.connectedPeak").orElseThrow());
            assertEquals(10.0, merged.metric("commands.acked").orElseThrow());
        }
    }
}
