package io.bodycam.sim.state;

/**
 * Why something the camera was doing stopped: a recording, a priority upload, a stay in the dock, a
 * firmware download, the camera itself. The {@link #wireName() wire name} is what events and the
 * {@code offline} status carry (docs/contract/README.md).
 */
public enum StopReason {
    /** The officer's long press. */
    BUTTON("button", false, false),
    /** A backend command ({@code stopRecording}, {@code cancelPriorityUpload}). */
    COMMAND("command", false, false),
    /** The officer cancelled a priority upload on the camera [S11]. */
    OFFICER("officer", false, false),
    /** The camera went into its dock. */
    DOCKED("docked", false, false),
    /** The camera left its dock. */
    UNDOCKED("undocked", false, false),
    /** The recording reached the maximum length and rolls over into a new one [S1]. */
    MAX_LENGTH("max length", false, false),
    /** No room left on the card [S68]. */
    STORAGE_FULL("storage full", false, false),
    /** A trigger started a recording, which a priority upload gives way to. */
    RECORDING_STARTED("recording started", false, false),
    /** An internal failure: the camera shows an error until rebooted [S19]. */
    ERROR("error", true, false),
    /** Switched off cleanly. */
    POWER_OFF("power off", true, false),
    /** The firmware restarts (a command, an update, a fault). */
    REBOOT("reboot", true, false),
    /** The battery ran empty: the camera dies without a goodbye. */
    BATTERY("battery", true, true),
    /** The power was cut (battery pulled, brown-out): nothing is closed, nothing is said. */
    POWER_LOSS("power loss", true, true);

    private final String wireName;
    private final boolean halts;
    private final boolean abrupt;

    StopReason(String wireName, boolean halts, boolean abrupt) {
        this.wireName = wireName;
        this.halts = halts;
        this.abrupt = abrupt;
    }

    /** The name in payloads, as the contract spells it. */
    public String wireName() {
        return wireName;
    }

    /**
     * True when the camera itself stops working (an error, a shutdown): a recording stopped for this
     * reason is not followed by buffering or docking; whoever stopped it sets the next mode.
     */
    public boolean halts() {
        return halts;
    }

    /** True when the power goes without warning: the camera says nothing more to its backend. */
    public boolean abrupt() {
        return abrupt;
    }
}
