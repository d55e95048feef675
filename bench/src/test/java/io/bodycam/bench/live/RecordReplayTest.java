package io.bodycam.bench.live;

import io.bodycam.sim.state.DockPhase;
import io.bodycam.sim.state.Mode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** A run record played back: the states, counters and faults at a moment, rebuilt from its files. */
class RecordReplayTest {

    private static final long S = SyntheticRecord.S;

    @TempDir
    Path dir;

    private RecordReplay replay;

    @BeforeEach
    void write() throws Exception {
        replay = RecordReplay.open(SyntheticRecord.write(dir));
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
                d.events().stream().map(EventLine::type).toList());
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
    void the_record_modules_fixture_of_a_real_run_replays() {
        Path fixture = Path.of("..", "record", "src", "test", "resources", "runs", "failed");
        assumeTrue(Files.isDirectory(fixture), "the record module's fixture is at " + fixture);
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
