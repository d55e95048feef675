package io.bodycam.bench.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bodycam.bench.fleet.Shard;
import io.bodycam.bench.scenario.Scenario;
import io.bodycam.bench.scenario.ScenarioLoader;
import io.bodycam.sim.testing.TestClips;
import io.bodycam.sim.video.Mp4Metadata;
import io.bodycam.sim.video.Mp4Probe;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scenarios/mp4-smoke.yaml end to end: 20 cameras film real MP4 segments, one loses power mid-recording,
 * the fleet docks and uploads over tus to the embedded backend, which probes every file on arrival.
 */
class Mp4FleetTest {

    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private static String previousCache;

    @BeforeAll
    static void clipCacheInTarget() {
        previousCache = System.setProperty("bodycam.clipCache", TestClips.cache().toString());
    }

    @AfterAll
    static void restore() {
        if (previousCache == null) {
            System.clearProperty("bodycam.clipCache");
        } else {
            System.setProperty("bodycam.clipCache", previousCache);
        }
    }

    @Test
    void twenty_cameras_film_mp4_upload_it_and_the_backend_verifies_every_file_on_arrival(@TempDir Path dir) throws Exception {
        Path file = REPO.resolve("scenarios/mp4-smoke.yaml");
        Scenario s = ScenarioLoader.load(file);
        StringWriter console = new StringWriter();

        ScenarioRunner.Result r = ScenarioRunner.run(s, new ScenarioRunner.Options(dir.resolve("run"), dir,
                Files.readString(file), new PrintWriter(console), false, 0, null, Shard.WHOLE));

        assertEquals(ScenarioRunner.PASSED, r.exitCode(), r.message() + "\n" + console);
        JsonNode evidence = new ObjectMapper().readTree(dir.resolve("run/summary.json").toFile()).path("evidence");
        long recorded = evidence.path("segmentsRecorded").asLong();
        assertTrue(recorded >= 20, evidence.toString());
        assertEquals(recorded, evidence.path("verified").asLong(), evidence.toString());

        List<Path> kept;
        try (var walk = Files.walk(dir.resolve("run/evidence"))) {
            kept = walk.filter(p -> p.toString().endsWith(".mp4")).sorted().toList();
        }
        assertEquals(recorded, kept.size(), "every verified segment is kept for a human to open");
        for (Path mp4 : kept.subList(0, Math.min(5, kept.size()))) {
            Mp4Probe.Report probe = Mp4Probe.probe(mp4, true);
            String device = mp4.getParent().getFileName().toString();
            assertEquals(Optional.empty(), Mp4Probe.check(probe, device), mp4.toString());
            assertEquals(mp4.getFileName().toString().replace(".mp4", ""), probe.metadata().get(Mp4Metadata.SEGMENT_ID));
            assertFalse(probe.track().isEmpty(), "a GPS track in " + mp4);
            assertTrue(probe.track().stream().allMatch(c -> c.cue().deviceId().equals(device)));
        }
        String events = Files.readString(dir.resolve("run/events.jsonl"));
        assertTrue(events.contains("\"type\":\"recording.recovered\"") && events.contains("\"truncatedFiles\":1"),
                "the power cut left a truncated file that the recovery found");
        assertFalse(Files.exists(dir.resolve("run/cards")), "the cameras' cards are removed with the run's studio");
        String prom = Files.readString(dir.resolve("run/metrics.prom"));
        assertTrue(prom.contains("bodycam_video_jobs_completed_total"), prom);
        String docs = Files.readString(REPO.resolve("docs/metrics.md"));
        java.util.regex.Pattern.compile("(?m)^# TYPE (bodycam_video_\\S+)").matcher(prom).results().map(m -> m.group(1))
                .forEach(family -> assertTrue(docs.contains("`" + family.replaceAll("_total$", "") + "`")
                        || docs.contains("`" + family + "`"), family + " is not in docs/metrics.md"));
    }
}
