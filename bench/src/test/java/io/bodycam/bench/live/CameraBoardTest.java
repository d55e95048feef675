package io.bodycam.bench.live;

import io.bodycam.sim.state.DockPhase;
import io.bodycam.sim.state.Mode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CameraBoardTest {

    private final CameraBoard board = new CameraBoard(List.of(new RosterEntry("A", "g"), new RosterEntry("B", "g"),
            new RosterEntry("C", "h")));

    @Test
    void cursor_zero_reads_every_camera_in_roster_order() {
        FleetChanges all = board.since(0);
        assertEquals(List.of("A", "B", "C"), all.changed().stream().map(CameraState::deviceId).toList());
    }

    @Test
    void a_later_read_gets_only_the_cameras_that_changed_once_each() {
        long cursor = board.since(0).cursor();
        board.put(CameraState.off("B").withMode(Mode.READY_BUFFERING, null));
        board.put(CameraState.off("B").withMode(Mode.RECORDING, null));
        FleetChanges c = board.since(cursor);
        assertEquals(List.of(CameraState.off("B").withMode(Mode.RECORDING, null)), c.changed());
        assertTrue(board.since(c.cursor()).changed().isEmpty(), "nothing changed since");
    }

    @Test
    void putting_the_same_state_again_is_no_change() {
        long cursor = board.since(0).cursor();
        assertFalse(board.put(CameraState.off("A")));
        assertTrue(board.since(cursor).changed().isEmpty());
    }

    @Test
    void an_unknown_camera_is_refused_with_its_id() {
        NoSuchCameraException e = assertThrows(NoSuchCameraException.class, () -> board.put(CameraState.off("Z")));
        assertEquals("Z", e.deviceId());
    }

    @Test
    void a_dock_phase_outside_the_dock_is_refused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new CameraState("A", Mode.RECORDING, DockPhase.UPLOADING, 1, 1, true, false));
        assertTrue(e.getMessage().contains("needs mode DOCKED"), e.getMessage());
    }
}
