package io.bodycam.bench.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bodycam.sim.state.Mode;
import io.bodycam.sim.event.CameraEvent;
import io.bodycam.sim.event.FaultPowerLoss;
import io.bodycam.sim.event.FaultSegmentDamaged;
import io.bodycam.sim.event.Interruption;
import io.bodycam.sim.event.ModeChanged;
import io.bodycam.sim.event.SegmentClosed;
import io.bodycam.sim.event.SegmentDamaged;
import io.bodycam.sim.event.UploadFailed;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The ledger check's outcomes and the reasons it gives for every segment that did not end verified. */
class LedgerCheckTest {

    private final DeviceLedger ledger = new DeviceLedger();
    private final Map<String, BackendView.Held> backend = new HashMap<>();
    private final Map<String, Set<String>> onCamera = new HashMap<>();

    private void event(CameraEvent e) {
        ledger.onEvent(e);
    }

    private void mode(String device, Mode to) {
        event(new ModeChanged(device, 0, Mode.OFF, to));
    }

    private void closed(String device, String segment) {
        event(new SegmentClosed(device, 0, device + "-R00001", segment, 0, 10L, 10L, "aa", 0, 0, 0.0));
    }

    private LedgerCheck.Result check() {
        return LedgerCheck.check(ledger, onCamera, new BackendView() {
            @Override
            public Optional<Held> lookup(String deviceId, String segmentId) {
                return Optional.ofNullable(backend.get(deviceId + "/" + segmentId));
            }

            @Override
            public Optional<Set<String>> allKeys() {
                return Optional.of(backend.keySet());
            }

            @Override
            public String method() {
                return "the test's map of held segments";
            }
        });
    }

    @Test
    void a_shard_counts_as_unexpected_only_the_backend_segments_of_its_own_cameras() {
        closed("A", "A-1");
        backend.put("A/A-1", new BackendView.Held(true, "aa", 1));
        backend.put("A/A-9", new BackendView.Held(true, "bb", 1));
        backend.put("B/B-1", new BackendView.Held(true, "cc", 1));
        backend.put("X/X-1", new BackendView.Held(true, "dd", 1));
        BackendView view = new BackendView() {
            @Override
            public Optional<Held> lookup(String deviceId, String segmentId) {
                return Optional.ofNullable(backend.get(deviceId + "/" + segmentId));
            }

            @Override
            public Optional<Set<String>> allKeys() {
                return Optional.of(backend.keySet());
            }

            @Override
            public String method() {
                return "the test's map of held segments";
            }
        };

        assertEquals(3, LedgerCheck.check(ledger, onCamera, view).unexpected(), "a whole run answers for everything");
        assertEquals(1, LedgerCheck.check(ledger, onCamera, view, "A"::equals).unexpected(),
                "shard of A: A-9 only, B-1 is another shard's camera's");
    }

    private static String reason(LedgerCheck.Result r, String segment) {
        return r.problems().stream().filter(p -> p.segmentId().equals(segment)).map(p -> p.outcome() + ": " + p.reason())
                .findFirst().orElse("(no problem listed)");
    }

    @Test
    void each_pending_segment_says_why_it_is_not_on_the_backend() {
        mode("A", Mode.OFF);
        event(new FaultPowerLoss("A", 0, null, Mode.RECORDING));
        closed("A", "A-1");
        mode("B", Mode.READY_BUFFERING);
        closed("B", "B-1");
        mode("C", Mode.DOCKED);
        closed("C", "C-1");
        event(new UploadFailed("C", 0, "C-1", "upload failed: 503"));
        closed("C", "C-2");
        onCamera.put("A", Set.of("A-1"));
        onCamera.put("B", Set.of("B-1"));
        onCamera.put("C", Set.of("C-1", "C-2"));

        LedgerCheck.Result r = check();

        assertEquals(4, r.pending());
        assertTrue(reason(r, "A-1").startsWith("pending: camera off (power lost)"), reason(r, "A-1"));
        assertTrue(reason(r, "B-1").startsWith("pending: not docked since it was recorded (camera is READY_BUFFERING)"),
                reason(r, "B-1"));
        assertTrue(reason(r, "C-1").startsWith("pending: docked, upload failing: upload failed: 503"), reason(r, "C-1"));
        assertTrue(reason(r, "C-2").startsWith("pending: docked, waiting in the upload queue (camera offline on MQTT)"),
                reason(r, "C-2"));
    }

    @Test
    void an_injected_corruption_is_counted_and_ends_corrupt_when_the_backend_caught_it() {
        mode("A", Mode.DOCKED);
        closed("A", "A-1");
        event(new FaultSegmentDamaged("A", 0, "A-1"));
        event(new SegmentDamaged("A", 0, "A-1", "aa", "bb"));
        backend.put("A/A-1", new BackendView.Held(false, "bb", 0));
        onCamera.put("A", Set.of("A-1"));

        LedgerCheck.Result r = check();

        assertEquals(1, r.corruptInjected());
        assertEquals(1, r.corrupt());
        assertEquals(0, r.corruptAccepted());
        assertTrue(reason(r, "A-1").contains("damaged on the camera by the scenario"), reason(r, "A-1"));
    }

    @Test
    void a_damaged_segment_the_backend_never_got_is_pending_as_held() {
        mode("A", Mode.DOCKED);
        closed("A", "A-1");
        event(new SegmentDamaged("A", 0, "A-1", "aa", "bb"));
        onCamera.put("A", Set.of("A-1"));

        assertTrue(reason(check(), "A-1").startsWith("pending: the camera's copy is damaged"), reason(check(), "A-1"));
    }

    @Test
    void a_backend_that_verifies_bytes_of_another_hash_is_counted_as_accepting_corruption() {
        closed("A", "A-1");
        backend.put("A/A-1", new BackendView.Held(true, "bb", 1));

        assertEquals(1, check().corruptAccepted());
    }

    @Test
    void a_power_cut_recording_is_listed_with_the_time_it_lost_and_is_not_counted_lost() {
        event(new FaultPowerLoss("A", 0, new Interruption("A-R00001", 2, 0L, 120_000L, 1L), Mode.RECORDING));

        LedgerCheck.Result r = check();

        assertEquals(1, r.cutByPowerLoss());
        assertEquals(0, r.lost());
        assertEquals(List.of("cut"), r.problems().stream().map(LedgerCheck.Problem::outcome).toList());
        assertTrue(reason(r, "A-R00001-S003").contains("120000 ms of recording never closed"), reason(r, "A-R00001-S003"));
    }
}
