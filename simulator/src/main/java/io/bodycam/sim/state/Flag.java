package io.bodycam.sim.state;

/** Conditions that can hold in any mode (docs/design.md#modes, docs/domain.md#flags). */
public enum Flag {
    /** Below 10 % [S12]. */
    LOW_BATTERY,
    /** Below the critical level, about 10 minutes of recording left [S32]. */
    CRITICAL_BATTERY,
    /** Less than 4 GB free [S34]. */
    STORAGE_LOW,
    /** No room: a recording cannot continue [S68]. */
    STORAGE_FULL,
    /** The GPS receiver has no fix. */
    NO_GPS_FIX,
    /** The clock has not been synchronised since it was set wrong [S79]. */
    CLOCK_UNSYNCED
}
