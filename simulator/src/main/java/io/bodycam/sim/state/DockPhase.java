package io.bodycam.sim.state;

/**
 * What a docked camera is doing, in order: time sync over HTTP [S8], config sync [S14], then for each
 * stored segment upload, verify, purge ("when the upload is complete, a check is done ... If the
 * check passes, then the video is deleted from the camera" [S23]); then, once no evidence waits and the
 * camera's moment in the download window has come, firmware: download, staged, applying, reboot
 * (docs/domain.md#dock-phases; "after staging, the upgrade is immediately applied" [S28]); idle and
 * charging when done.
 */
public enum DockPhase {
    TIME_SYNC,
    CONFIG_SYNC,
    UPLOADING,
    VERIFYING,
    PURGING,
    /** Fetching a firmware image over the dock's link, in ranges (resumes after an undock). */
    FIRMWARE_DOWNLOADING,
    /** The image is downloaded, its SHA-256 and signature verified. */
    FIRMWARE_STAGED,
    /** Writing the staged image; the camera reboots into it when done. */
    FIRMWARE_APPLYING,
    IDLE
}
