package io.bodycam.sim.camera.internal;

import io.bodycam.sim.state.Flag;
import io.bodycam.sim.storage.Storage;

import java.util.EnumSet;
import java.util.Set;

/** The camera's {@link Flag}s; a change is followed by a {@code state} report. Runs on the camera's thread. */
public final class Flags {

    private final EnumSet<Flag> raised;
    private final Runnable changed;

    /** Starts with {@code initial} raised (no report: the camera is not connected yet). */
    public Flags(Set<Flag> initial, Runnable changed) {
        this.raised = EnumSet.noneOf(Flag.class);
        this.raised.addAll(initial);
        this.changed = changed;
    }

    public void set(Flag f, boolean on) {
        if (on ? raised.add(f) : raised.remove(f)) {
            changed.run();
        }
    }

    public boolean has(Flag f) {
        return raised.contains(f);
    }

    /** The storage flags as the card stands now. */
    public void storage(Storage storage) {
        set(Flag.STORAGE_LOW, storage.low());
        set(Flag.STORAGE_FULL, storage.full());
    }

    /** A copy, in the enum's order. */
    public Set<Flag> copy() {
        return EnumSet.copyOf(raised);
    }
}
