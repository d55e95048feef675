package io.bodycam.bench.live.internal;

import io.bodycam.bench.live.CameraState;
import io.bodycam.sim.state.DockPhase;
import io.bodycam.sim.state.Mode;

/**
 * A camera's state other than its position packed into one small integer for the wire, so that a
 * change costs a few bytes: bits 0-3 the {@link Mode} ordinal, 4-7 the {@link DockPhase} ordinal plus
 * one (0: none), 8 online, 9 uploading, 10-12 the {@link io.bodycam.bench.live.MarkerColour} ordinal.
 * The page reads the enums' order from {@code /api/fleet}.
 */
public final class StatusCode {

    private StatusCode() {
    }

    public static int of(CameraState s) {
        return pack(s.mode(), s.dockPhase(), s.online(), s.uploading()) | s.colour().ordinal() << 10;
    }

    /** The code without its colour bits. */
    public static int pack(Mode mode, DockPhase phase, boolean online, boolean uploading) {
        return mode.ordinal() | (phase == null ? 0 : phase.ordinal() + 1) << 4 | (online ? 1 << 8 : 0) | (uploading ? 1 << 9 : 0);
    }

    public static Mode mode(int code) {
        return Mode.values()[code & 0xF];
    }

    public static DockPhase dockPhase(int code) {
        int p = (code >> 4) & 0xF;
        return p == 0 ? null : DockPhase.values()[p - 1];
    }

    public static boolean online(int code) {
        return (code & (1 << 8)) != 0;
    }

    public static boolean uploading(int code) {
        return (code & (1 << 9)) != 0;
    }

    public static int colour(int code) {
        return (code >> 10) & 0x7;
    }
}
