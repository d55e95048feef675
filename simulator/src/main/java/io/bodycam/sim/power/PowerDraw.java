package io.bodycam.sim.power;

/**
 * What the camera is doing, as far as its battery is concerned. The firmware maps each of its modes
 * to one of these.
 */
public enum PowerDraw {
    /** Switched off: nothing drawn. */
    NONE,
    /** Sleep mode: no buffering, radio mostly idle. */
    SLEEP,
    /** Booting, buffering or idle with the radio on. */
    IDLE,
    /** Recording: encoder, storage and GPS at 10 s. */
    RECORDING,
    /** In the dock: charging. */
    CHARGING
}
