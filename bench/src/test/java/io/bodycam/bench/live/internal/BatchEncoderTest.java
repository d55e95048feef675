package io.bodycam.bench.live.internal;

import io.bodycam.bench.live.CameraState;
import io.bodycam.bench.live.RosterEntry;
import io.bodycam.sim.state.DockPhase;
import io.bodycam.sim.state.Mode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class BatchEncoderTest {

    private final BatchEncoder encoder = new BatchEncoder(List.of(new RosterEntry("A", "g"), new RosterEntry("B", "g"),
            new RosterEntry("C", "g"), new RosterEntry("D", "g")));

    private static String data(byte[] event) {
        String s = new String(event, StandardCharsets.US_ASCII);
        assertEquals("event: batch\ndata: ", s.substring(0, 19), "an SSE batch event: " + s);
        return s.substring(19, s.length() - 2);
    }

    private static CameraState at(String id, Mode m, double lat, double lon) {
        return new CameraState(id, m, null, lat, lon, true, false);
    }

    @Test
    void a_first_position_goes_absolute_and_a_later_one_as_a_small_move() {
        data(encoder.delta(List.of(at("B", Mode.RECORDING, 39.1, -94.4))));
        String second = data(encoder.delta(List.of(at("B", Mode.RECORDING, 39.10003, -94.40001))));
        assertEquals("{\"seq\":2,\"s\":[],\"p\":[2,3,-1],\"a\":[]}", second);
    }

    @Test
    void camera_numbers_are_gaps_from_the_previous_entry() {
        CameraState offButLocated = CameraState.off("D").withPosition(1, 2);
        String first = data(encoder.delta(List.of(offButLocated, at("B", Mode.RECORDING, 1, 2))));
        int recording = StatusCode.of(at("B", Mode.RECORDING, 1, 2));
        assertEquals("{\"seq\":1,\"s\":[2," + recording + "],\"p\":[],\"a\":[2,100000,200000,2,100000,200000]}", first,
                "B is camera 1 (gap 2 from -1), D camera 3 (gap 2 from B); D's status is the initial OFF: not sent");
    }

    @Test
    void a_move_below_a_metre_and_an_unchanged_status_send_nothing() {
        encoder.delta(List.of(at("A", Mode.READY_BUFFERING, 39.1, -94.4)));
        assertNull(encoder.delta(List.of(at("A", Mode.READY_BUFFERING, 39.100004, -94.400004))));
    }

    @Test
    void the_same_camera_twice_in_one_batch_counts_its_latest_state() {
        encoder.delta(List.of(at("A", Mode.READY_BUFFERING, 39.1, -94.4)));
        String d = data(encoder.delta(List.of(at("A", Mode.RECORDING, 39.1, -94.4), at("A", Mode.DOCKED, 39.1, -94.4))));
        assertEquals("{\"seq\":2,\"s\":[1," + StatusCode.of(at("A", Mode.DOCKED, 39.1, -94.4)) + "],\"p\":[],\"a\":[]}", d);
    }

    @Test
    void a_full_frame_has_every_status_and_every_known_position() {
        encoder.delta(List.of(at("C", Mode.RECORDING, 0.5, 0.25)));
        int off = StatusCode.of(CameraState.off("x"));
        int rec = StatusCode.of(at("C", Mode.RECORDING, 0.5, 0.25));
        assertEquals("{\"seq\":1,\"full\":1,\"s\":[" + off + "," + off + "," + rec + "," + off + "],\"a\":[3,50000,25000]}",
                data(encoder.full()));
    }

    @Test
    void the_status_code_carries_the_colour_and_reads_back() {
        CameraState s = new CameraState("A", Mode.DOCKED, DockPhase.VERIFYING, 1, 1, false, true);
        int code = StatusCode.of(s);
        assertEquals(Mode.DOCKED, StatusCode.mode(code));
        assertEquals(DockPhase.VERIFYING, StatusCode.dockPhase(code));
        assertEquals(false, StatusCode.online(code));
        assertEquals(true, StatusCode.uploading(code));
        assertEquals(s.colour().ordinal(), StatusCode.colour(code));
    }
}
