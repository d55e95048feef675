package io.bodycam.bench.live;

import io.bodycam.sim.state.DockPhase;
import io.bodycam.sim.state.Mode;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MarkerColourTest {

    private static CameraState in(Mode m, DockPhase p, boolean uploading) {
        return new CameraState("A", m, p, Double.NaN, Double.NaN, true, uploading);
    }

    @Test
    void supervisors_colours() {
        assertEquals(MarkerColour.RECORDING, in(Mode.RECORDING, null, false).colour());
        assertEquals(MarkerColour.READY, in(Mode.READY_BUFFERING, null, false).colour());
        assertEquals(MarkerColour.IDLE, in(Mode.OFF, null, false).colour());
        assertEquals(MarkerColour.IDLE, in(Mode.DOCKED, DockPhase.IDLE, false).colour());
        assertEquals(MarkerColour.UPLOADING, in(Mode.DOCKED, DockPhase.UPLOADING, true).colour());
        assertEquals(MarkerColour.UPLOADING, in(Mode.PRIORITY_UPLOAD, null, false).colour());
        assertEquals(MarkerColour.ERROR, in(Mode.ERROR, null, false).colour());
        assertEquals(MarkerColour.IDLE, in(Mode.SLEEP, null, false).colour());
    }
}
