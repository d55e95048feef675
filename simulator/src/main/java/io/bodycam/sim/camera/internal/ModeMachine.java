package io.bodycam.sim.camera.internal;

import io.bodycam.sim.state.DockPhase;
import io.bodycam.sim.state.Mode;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import static io.bodycam.sim.state.DockPhase.CONFIG_SYNC;
import static io.bodycam.sim.state.DockPhase.FIRMWARE_APPLYING;
import static io.bodycam.sim.state.DockPhase.FIRMWARE_DOWNLOADING;
import static io.bodycam.sim.state.DockPhase.FIRMWARE_STAGED;
import static io.bodycam.sim.state.DockPhase.IDLE;
import static io.bodycam.sim.state.DockPhase.PURGING;
import static io.bodycam.sim.state.DockPhase.TIME_SYNC;
import static io.bodycam.sim.state.DockPhase.UPLOADING;
import static io.bodycam.sim.state.DockPhase.VERIFYING;
import static io.bodycam.sim.state.Mode.BOOTING;
import static io.bodycam.sim.state.Mode.DOCKED;
import static io.bodycam.sim.state.Mode.ERROR;
import static io.bodycam.sim.state.Mode.OFF;
import static io.bodycam.sim.state.Mode.PRIORITY_UPLOAD;
import static io.bodycam.sim.state.Mode.READY_BUFFERING;
import static io.bodycam.sim.state.Mode.RECORDING;
import static io.bodycam.sim.state.Mode.RECOVERING_INTERRUPTED;
import static io.bodycam.sim.state.Mode.SLEEP;

/**
 * The camera's modes and, inside {@link Mode#DOCKED}, its dock phases, as one transition table
 * (docs/design.md#modes, docs/domain.md#transitions). Every change of mode or phase goes through here;
 * one the table does not list is a firmware bug and is refused with an {@link IllegalStateException}
 * naming both ends, before anything changed. Runs on the camera's thread.
 */
public final class ModeMachine {

    private static final Map<Mode, Set<Mode>> MODES = new EnumMap<>(Mode.class);
    /** Dock phases by the phase they may follow; {@code null} stands for "just docked". */
    private static final Map<DockPhase, Set<DockPhase>> PHASES = new EnumMap<>(DockPhase.class);
    private static final Set<DockPhase> FIRST_PHASES = Collections.unmodifiableSet(EnumSet.of(TIME_SYNC));

    static {
        modes(OFF, BOOTING);
        modes(BOOTING, READY_BUFFERING, DOCKED, RECOVERING_INTERRUPTED, ERROR, OFF);
        modes(RECOVERING_INTERRUPTED, READY_BUFFERING, DOCKED, ERROR, OFF);
        modes(READY_BUFFERING, RECORDING, SLEEP, DOCKED, PRIORITY_UPLOAD, ERROR, OFF);
        // a button press wakes a sleeping camera into a recording without pre-event [S13]
        modes(SLEEP, READY_BUFFERING, RECORDING, DOCKED, ERROR, OFF);
        // a roll-over at the maximum length passes through READY_BUFFERING into the next recording
        modes(RECORDING, READY_BUFFERING, DOCKED, ERROR, OFF);
        // a trigger, docking, an error or a shutdown cancels the priority upload [S11]
        modes(PRIORITY_UPLOAD, READY_BUFFERING, RECORDING, DOCKED, ERROR, OFF);
        modes(DOCKED, READY_BUFFERING, ERROR, OFF);
        // an error needs a reboot or a power cycle [S19]
        modes(ERROR, OFF);

        phases(TIME_SYNC, CONFIG_SYNC);
        phases(CONFIG_SYNC, UPLOADING, IDLE);
        // a failed upload goes on with the next segment, or idles until its retry
        phases(UPLOADING, VERIFYING, IDLE);
        // not confirmed, held or rejected: the next segment or idle; a duplicate-upload fault uploads again
        phases(VERIFYING, PURGING, UPLOADING, IDLE);
        phases(PURGING, UPLOADING, IDLE);
        // a retry comes due or a segment file is finished; firmware only once no evidence waits
        phases(IDLE, UPLOADING, FIRMWARE_DOWNLOADING, FIRMWARE_APPLYING);
        // failed (retried later), rejected, or replaced by a newer offer
        phases(FIRMWARE_DOWNLOADING, FIRMWARE_STAGED, IDLE);
        phases(FIRMWARE_STAGED, FIRMWARE_APPLYING);
        // the camera reboots into the new image: it leaves the dock through OFF
        phases(FIRMWARE_APPLYING);
    }

    private final BiConsumer<Mode, Mode> modeChanged;
    private final Consumer<DockPhase> phaseChanged;
    private Mode mode = OFF;
    private DockPhase phase;

    /** The two callbacks hear of every change (from, to), after it took effect. */
    public ModeMachine(BiConsumer<Mode, Mode> modeChanged, Consumer<DockPhase> phaseChanged) {
        this.modeChanged = modeChanged;
        this.phaseChanged = phaseChanged;
    }

    public Mode mode() {
        return mode;
    }

    /** The dock phase; null unless docked, and right after docking until the first phase starts. */
    public DockPhase dockPhase() {
        return phase;
    }

    /** The modes a camera in {@code from} may go to. */
    public static Set<Mode> next(Mode from) {
        return MODES.get(from);
    }

    /** The phases that may follow {@code from} in the dock; {@code null}: right after docking. */
    public static Set<DockPhase> nextPhases(DockPhase from) {
        return from == null ? FIRST_PHASES : PHASES.get(from);
    }

    /** Changes mode; leaving or entering the dock clears the dock phase. */
    public void enter(Mode next) {
        if (!MODES.get(mode).contains(next)) {
            throw new IllegalStateException("illegal mode change " + mode + " -> " + next);
        }
        Mode from = mode;
        mode = next;
        phase = null;
        modeChanged.accept(from, next);
    }

    /** Moves the dock to {@code next}; nothing happens when it is there already. */
    public void dockPhase(DockPhase next) {
        if (next == phase) {
            return;
        }
        if (mode != DOCKED) {
            throw new IllegalStateException("illegal dock phase change " + phase + " -> " + next + " in mode " + mode);
        }
        if (!nextPhases(phase).contains(next)) {
            throw new IllegalStateException("illegal dock phase change " + (phase == null ? "(docked)" : phase) + " -> " + next);
        }
        phase = next;
        phaseChanged.accept(next);
    }

    private static void modes(Mode from, Mode... to) {
        MODES.put(from, Collections.unmodifiableSet(to.length == 0 ? EnumSet.noneOf(Mode.class) : EnumSet.of(to[0], to)));
    }

    private static void phases(DockPhase from, DockPhase... to) {
        PHASES.put(from, Collections.unmodifiableSet(to.length == 0 ? EnumSet.noneOf(DockPhase.class) : EnumSet.of(to[0], to)));
    }
}
