package io.bodycam.sim.camera;

/**
 * What a docked camera is doing, in order: time sync over HTTP [S8], config sync [S14], then for each
 * stored segment upload, verify, purge ("when the upload is complete, a check is done ... If the
 * check passes, then the video is deleted from the camera" [S23]); idle and charging when done.
 */
public enum DockPhase {
    TIME_SYNC,
    CONFIG_SYNC,
    UPLOADING,
    VERIFYING,
    PURGING,
    IDLE
}
