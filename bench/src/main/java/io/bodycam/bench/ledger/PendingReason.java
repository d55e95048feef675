package io.bodycam.bench.ledger;

/**
 * Why a segment the camera still holds has no good copy on the backend, in words for the run record
 * ({@code ledger.jsonl}): from the camera's last known mode, link and power cause and the segment's
 * own history.
 */
final class PendingReason {

    private PendingReason() {
    }

    static String of(DeviceLedger.Entry e, DeviceLedger.DeviceStatus camera, boolean backendHasUpload) {
        String where = "camera still has it";
        if (e.heldAsDamaged()) {
            return "the camera's copy is damaged (its bytes no longer match the hash taken while recording); "
                    + "held on the camera, not uploaded again; " + where;
        }
        if (e.heldAsUnprovable()) {
            return "uploaded, but the profile's proof cannot tell whether the store holds these bytes; held on the "
                    + "camera, never deleted, not uploaded again; " + where;
        }
        if ("OFF".equals(camera.mode())) {
            String cause = camera.offCause() != null ? camera.offCause() : "switched off";
            return "camera off (" + cause + ") before uploading it; " + where;
        }
        if ("RECOVERING_INTERRUPTED".equals(camera.mode()) || "BOOTING".equals(camera.mode())) {
            return "camera still booting after a restart; " + where;
        }
        if (!"DOCKED".equals(camera.mode())) {
            return "not docked since it was recorded (camera is " + camera.mode() + "); " + where;
        }
        if (e.lastUploadError() != null) {
            return "docked, upload failing: " + e.lastUploadError() + "; " + where;
        }
        if (backendHasUpload) {
            return "docked, upload incomplete on the backend" + (camera.linkUp() ? "" : " (camera offline on MQTT)")
                    + "; " + where;
        }
        return "docked, waiting in the upload queue" + (camera.linkUp() ? "" : " (camera offline on MQTT)") + "; " + where;
    }
}
