package io.bodycam.sim.state;

/**
 * The firmware's operating modes, after the Axon, Motorola and Getac manuals (docs/design.md#modes,
 * docs/domain.md#modes).
 */
public enum Mode {
    /** No capture, no radio. */
    OFF,
    /** A few seconds after power-on (LED solid red [S19]); no buffering yet. */
    BOOTING,
    /** Ready: the pre-event ring buffer fills (video only by default [S1, S2]). */
    READY_BUFFERING,
    /** A recording is open; the pre-event buffer became its head. */
    RECORDING,
    /** Sleep: no buffer; signal triggers ignored, a button press records without pre-event [S13]. */
    SLEEP,
    /** In the dock: charging, no buffering [S2]; runs the {@link DockPhase}s. */
    DOCKED,
    /**
     * Out of the dock, uploading the most recent recording over LTE at the officer's request (AB3
     * "Priority Upload": only the latest recording, over Wi-Fi or mobile data, then deleted once
     * uploaded; can be cancelled [S11]). The pre-event buffer keeps running [GUESS], so a trigger
     * cancels the upload and records with its full pre-event.
     */
    PRIORITY_UPLOAD,
    /**
     * After a power loss mid-recording: the firmware repairs the interrupted recording up to its last
     * complete segment before buffering again (AB2 "recovering interrupted video" [S19]; CAST [S43]).
     */
    RECOVERING_INTERRUPTED,
    /** Camera error: needs a reboot or power cycle [S19]. */
    ERROR
}
