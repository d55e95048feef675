package io.bodycam.bench.live;

import io.bodycam.sim.camera.CameraEvent;
import io.bodycam.sim.camera.DockPhase;
import io.bodycam.sim.camera.Mode;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** A run record played back: the states, counters and faults at a moment, rebuilt from its files. */
class RecordReplayTest {

    /** Virtual start of the synthetic run; the clock ran at 60 (a wall second is a virtual minute). */
    private static final long S = 1_800_000_000_000L;
    private static final long WALL0 = 1_700_000_000_000L;

    @TempDir
    Path dir;

    private RecordReplay replay;

    /** An event near {@code virtualMs}: on the wall millisecond it falls in, so both clocks agree exactly. */
    private static String event(long virtualMs, String device, String type, String more) {
        long wall = virtualMs / 60;
        return "{\"t\":" + (S + wall * 60) + ",\"time\":\"x\",\"wallMs\":" + wall + ",\"deviceId\":\"" + device
                + "\",\"type\":\"" + type + "\"" + more + "}";
    }

    private static String mode(long virtualMs, String device, String to) {
        return event(virtualMs, device, "mode", ",\"from\":\"X\",\"to\":\"" + to + "\"");
    }

    @BeforeEach
    void write() throws Exception {
        Files.writeString(dir.resolve("devices.jsonl"), "{\"deviceId\":\"A\",\"index\":1,\"group\":\"day\",\"agency\":\"x\"}\n"
                + "{\"deviceId\":\"B\",\"index\":2,\"group\":\"night\",\"agency\":\"x\"}\n");
        List<String> events = new ArrayList<>(List.of(
                mode(1_000, "A", "BOOTING"), mode(1_000, "B", "BOOTING"), event(2_000, "A", "link.up", ""),
                mode(5_000, "A", "READY_BUFFERING"), mode(5_000, "B", "READY_BUFFERING"),
                event(30_000, "B", "fault.gpsLoss", ",\"durationMs\":60000"),
                mode(60_000, "A", "RECORDING"), mode(90_000, "A", "READY_BUFFERING"), mode(100_000, "A", "DOCKED"),
                event(101_000, "A", "time.synced", ",\"offsetMs\":3"),
                event(110_000, "A", "upload.completed", ",\"segmentId\":\"A-1\""),
                event(111_000, "A", "upload.verified", ",\"segmentId\":\"A-1\""),
                event(112_000, "A", "segment.purged", ",\"segmentId\":\"A-1\""),
                event(150_000, "A", "lte.outage", ",\"millis\":20000"), "{not json"));
        Files.write(dir.resolve("events.jsonl"), events);
        Files.writeString(dir.resolve("gps.jsonl"),
                "{\"deviceId\":\"A\",\"t\":" + (S + 10_000) + ",\"lat\":39.1,\"lon\":-94.4,\"fix\":\"3d\",\"speed\":1.0}\n"
                        + "{\"deviceId\":\"B\",\"t\":" + (S + 20_000) + ",\"lat\":39.2,\"lon\":-94.5,\"fix\":\"3d\",\"speed\":1.0}\n"
                        + "{\"deviceId\":\"A\",\"t\":" + (S + 70_000) + ",\"lat\":39.101,\"lon\":-94.401,\"fix\":\"3d\",\"speed\":1.0}\n");
        StringBuilder ts = new StringBuilder();
        for (int k = 1; k <= 3; k++) {
            ts.append("{\"wallMs\":").append(k * 1000).append(",\"virtualMs\":").append(k * 60_000)
                    .append(",\"intervalMs\":1000,\"online\":2,\"recording\":0,\"uploading\":0,\"modes\":{},")
                    .append("\"mqtt\":{\"state\":10,\"gps\":5},\"upload\":{\"bytes\":").append(k == 2 ? 4000 : 0)
                    .append(",\"completed\":0,\"failed\":0},\"totals\":{}}\n");
        }
        Files.writeString(dir.resolve("timeseries.jsonl"), ts);
        Files.writeString(dir.resolve("evidence.jsonl"),
                "{\"deviceId\":\"A\",\"segmentId\":\"A-1\",\"outcome\":\"verified\",\"duplicated\":false,\"closedAt\":" + (S + 90_000)
                        + ",\"verifiedAt\":" + (S + 111_000) + "}\n"
                        + "{\"deviceId\":\"B\",\"segmentId\":\"B-1\",\"outcome\":\"lost\",\"duplicated\":false,\"closedAt\":" + (S + 50_000)
                        + ",\"verifiedAt\":-1}\n");
        Files.writeString(dir.resolve("summary.json"), "{\"scenario\":\"synthetic\",\"seed\":1,\"passed\":false,"
                + "\"devices\":{\"configured\":2},\"run\":{\"clockSpeed\":60},\"assertions\":[{\"expr\":\"evidence.lost == 0\","
                + "\"passed\":false,\"actual\":1.0,\"unit\":\"\"}]}");
        Files.createDirectories(dir.resolve("latency"));
        try (PrintStream out = new PrintStream(dir.resolve("latency/state.hlog").toFile())) {
            HistogramLogWriter w = new HistogramLogWriter(out);
            w.setBaseTime(WALL0);
            w.outputBaseTime(WALL0);
            w.outputStartTime(WALL0);
            w.outputLegend();
            w.outputIntervalHistogram(interval(WALL0, 1000));
            w.outputIntervalHistogram(interval(WALL0 + 1000, 5000));
        }
        replay = RecordReplay.open(dir);
    }

    private static Histogram interval(long start, long micros) {
        Histogram h = new Histogram(3);
        h.recordValue(micros);
        h.setStartTimeStamp(start);
        h.setEndTimeStamp(start + 1000);
        return h;
    }

    private CameraState state(String id) {
        return replay.changesSince(0).changed().stream().filter(s -> s.deviceId().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void it_opens_paused_at_the_start_and_spans_the_run() {
        ReplayControl.Position p = replay.position();
        assertEquals(S, p.start(), "the start estimated from the events' two clocks");
        assertEquals(S + 180_000, p.end(), "the last time series line");
        assertEquals(S, p.at());
        assertEquals(false, p.playing());
        assertEquals("synthetic (replay)", replay.title());
        assertEquals(List.of(new RosterEntry("A", "day"), new RosterEntry("B", "night")), replay.roster());
    }

    @Test
    void a_camera_records_where_it_was_and_a_silent_one_sits_at_its_first_report() {
        replay.seek(S + 65_000);
        assertEquals(new CameraState("A", Mode.RECORDING, null, 39.1, -94.4, true, false), state("A"));
        assertEquals(new CameraState("B", Mode.READY_BUFFERING, null, 39.2, -94.5, false, false), state("B"));
    }

    @Test
    void in_the_dock_it_uploads_until_its_last_purge_then_idles() {
        replay.seek(S + 100_500);
        assertEquals(DockPhase.TIME_SYNC, state("A").dockPhase());
        replay.seek(S + 105_000);
        assertEquals(DockPhase.UPLOADING, state("A").dockPhase());
        assertEquals(MarkerColour.UPLOADING, state("A").colour());
        replay.seek(S + 115_000);
        assertEquals(DockPhase.IDLE, state("A").dockPhase());
        assertEquals(MarkerColour.IDLE, state("A").colour());
    }

    @Test
    void only_the_cameras_a_seek_changed_are_reported_changed() {
        long cursor = replay.changesSince(0).cursor();
        replay.seek(S + 65_000);
        FleetChanges c = replay.changesSince(cursor);
        assertEquals(List.of("A", "B"), c.changed().stream().map(CameraState::deviceId).toList());
        replay.seek(S + 66_000);
        assertTrue(replay.changesSince(c.cursor()).changed().isEmpty(), "nothing changed between 65 s and 66 s");
    }

    @Test
    void counters_at_a_moment_count_modes_rates_evidence_latency_and_faults() {
        replay.seek(S + 125_000);
        FleetCounters c = replay.counters();
        assertEquals(1, c.modes().get(Mode.DOCKED));
        assertEquals(1, c.modes().get(Mode.READY_BUFFERING));
        assertEquals(15.0, c.mqttPerSecond(), 1e-9, "the tick at 120 s: 15 messages in a second");
        assertEquals(4000.0, c.uploadBytesPerSecond(), 1e-9);
        assertEquals(new FleetCounters.Evidence(2, 1, 0, 0, 0, 1), c.evidence(), "verdicts wait for the end");
        assertEquals(5.0, c.latency().get("state").max(), 0.01, "both intervals logged by then");
        replay.seek(S + 90_000);
        assertEquals(1.0, replay.counters().latency().get("state").p99(), 0.01, "only the first interval by 90 s");
        replay.seek(S + 180_000);
        assertEquals(new FleetCounters.Evidence(2, 1, 1, 0, 0, 0), replay.counters().evidence());
        assertEquals(List.of(new FleetCounters.AssertionState("evidence.lost == 0", FleetCounters.Verdict.FAILED, 1.0, "")),
                replay.counters().assertions());
    }

    @Test
    void camera_faults_are_active_over_their_length() {
        replay.seek(S + 40_000);
        assertEquals(List.of(new FleetCounters.ActiveFault("fault.gpsLoss", "B", "durationMs=60000", S + 30_000)),
                replay.counters().faults());
        replay.seek(S + 155_000);
        assertEquals("lte.outage", replay.counters().faults().get(0).kind());
        replay.seek(S + 175_000);
        assertTrue(replay.counters().faults().isEmpty(), replay.counters().faults().toString());
    }

    @Test
    void a_cameras_detail_has_its_last_events_up_to_the_moment() {
        replay.seek(S + 115_000);
        CameraDetail d = replay.detail("A", 3).toCompletableFuture().join();
        assertEquals(List.of("upload.completed", "upload.verified", "segment.purged"),
                d.events().stream().map(CameraEvent::type).toList());
        assertEquals("A-1", d.events().get(2).fields().get("segmentId"));
        assertTrue(d.snapshot().isEmpty(), "no snapshot in a replay");
    }

    @Test
    void actions_are_refused_with_the_reason() {
        CompletionException e = assertThrows(CompletionException.class,
                () -> replay.act("A", new CameraAction.PowerCut()).toCompletableFuture().join());
        assertInstanceOf(ActionRefusedException.class, e.getCause());
        assertTrue(e.getCause().getMessage().contains("replay of a finished run"), e.getCause().getMessage());
    }

    @Test
    void playing_moves_on_by_the_wall_time_times_the_speed_and_stops_at_the_end() {
        replay.play(60);
        replay.advance(1000);
        assertEquals(S + 60_000, replay.position().at());
        replay.advance(10_000);
        assertEquals(S + 180_000, replay.position().at());
        assertEquals(false, replay.position().playing(), "stopped at the end");
        List<FleetCounters> h = replay.history(4);
        assertEquals(List.of(S, S + 60_000, S + 120_000, S + 180_000), h.stream().map(FleetCounters::virtualTime).toList());
    }

    @Test
    void a_folder_without_a_roster_is_not_a_record() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RecordReplay.open(empty));
        assertTrue(e.getMessage().contains("not a run record"), e.getMessage());
    }

    @Test
    void the_reports_fixture_of_a_real_run_replays() {
        Path fixture = Path.of("..", "reports", "src", "test", "resources", "runs", "failed");
        assumeTrue(Files.isDirectory(fixture), "the reports module's fixture is at " + fixture);
        RecordReplay r = RecordReplay.open(fixture);
        assertEquals(3, r.roster().size());
        r.seek(r.position().start() + 1_286_853);
        FleetCounters c = r.counters();
        assertEquals(2, c.modes().get(Mode.READY_BUFFERING), "as the last time series line saw the cameras: " + c.modes());
        assertEquals(1, c.modes().get(Mode.RECORDING), c.modes().toString());
        r.seek(r.position().end());
        assertEquals(3, r.counters().modes().get(Mode.OFF), "the run ends with the cameras switched off");
        assertEquals(4, r.counters().evidence().recorded());
        assertTrue(r.changesSince(0).changed().stream().allMatch(CameraState::located), "every camera reported a position");
    }
}
