package io.bodycam.sim.state;

/**
 * What started a recording (docs/domain.md#triggers). Signal-style triggers (holster, light bar, surge)
 * do not wake a sleeping camera [S13]; a button press or a backend command does.
 */
public enum Trigger {
    BUTTON(true),
    HOLSTER(false),
    LIGHTBAR(false),
    COMMAND(true),
    /** Mass activation near an incident (Signal: every camera within range [S16]). */
    SURGE(false),
    /** The recording before reached the maximum length and rolled over [S1]. */
    ROLLOVER(true);

    private final boolean wakesFromSleep;

    Trigger(boolean wakesFromSleep) {
        this.wakesFromSleep = wakesFromSleep;
    }

    public boolean wakesFromSleep() {
        return wakesFromSleep;
    }

    /** The name used in payloads: lower case. */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
