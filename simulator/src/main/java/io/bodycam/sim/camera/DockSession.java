package io.bodycam.sim.camera;

import io.bodycam.sim.recording.SegmentManifest;
import io.bodycam.sim.time.Timer;
import io.bodycam.sim.upload.Verification;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One stay in the dock: time sync, config sync, then upload, verify and purge each stored segment in
 * upload order, until the queue is empty. A segment whose upload fails or that the backend does not
 * confirm with the camera's own SHA-256 stays on the camera and is tried again later: nothing is
 * deleted before it is verified (DESIGN.md principle 4, [S23, S28]).
 *
 * <p>A corrupt verdict on a segment whose own copy no longer matches its hash holds it on the card,
 * out of the upload queue (uploading bad bytes again cannot help). A segment the backend confirms is
 * normally purged at once; a {@link CameraFaults#duplicateNextUpload() duplicate} fault uploads it once
 * more first.
 *
 * <p>Undocking ends the session; results that arrive after that are ignored, and the next dock
 * resumes the interrupted upload.
 */
final class DockSession {

    private final Camera camera;
    private final Set<String> waiting = new HashSet<>();
    private final Map<String, Timer> retries = new HashMap<>();
    private boolean active = true;
    private boolean busy;
    /** Time and config are synced: uploads may start. */
    private boolean synced;

    DockSession(Camera camera) {
        this.camera = camera;
    }

    void start() {
        camera.dockPhase(DockPhase.TIME_SYNC);
        camera.evidence().time().whenComplete((sample, error) -> camera.onThread(() -> {
            if (!active) {
                return;
            }
            if (error != null) {
                camera.emit("error", Map.of("code", "time-sync", "message", message(error)));
            } else {
                camera.timeSynced(sample);
            }
            syncConfig();
        }));
    }

    private void syncConfig() {
        camera.dockPhase(DockPhase.CONFIG_SYNC);
        camera.evidence().config().whenComplete((config, error) -> camera.onThread(() -> {
            if (!active) {
                return;
            }
            if (error != null) {
                camera.emit("error", Map.of("code", "config-sync", "message", message(error)));
            } else {
                if (!config.config().isEmpty()) {
                    camera.applySettings(config.config(), "dock v" + config.version())
                            .ifPresent(e -> camera.emit("error", Map.of("code", "config-rejected", "message", e)));
                }
                config.firmwareOffer().ifPresent(camera.firmware()::offerFromDock);
            }
            synced = true;
            next();
        }));
    }

    /** A segment file finished while docked (mp4 mode): upload it if the session is waiting. */
    void segmentReady() {
        if (synced) {
            next();
        }
    }

    /** Takes the next segment, or goes idle when none is ready. */
    private void next() {
        if (!active || busy) {
            return;
        }
        Optional<SegmentManifest> nextSegment = camera.storage().nextToUpload(waiting);
        if (nextSegment.isEmpty()) {
            camera.dockPhase(DockPhase.IDLE);
            camera.firmware().maybeStart();
            return;
        }
        busy = true;
        upload(nextSegment.get());
    }

    private void upload(SegmentManifest s) {
        camera.dockPhase(DockPhase.UPLOADING);
        camera.evidence().upload(s, camera.payload(s))
                .whenComplete((sent, error) -> camera.onThread(() -> {
                    if (!active) {
                        return;
                    }
                    if (error != null) {
                        failed(s, "upload failed: " + message(error));
                    } else {
                        camera.emit("upload.completed", Map.of("segmentId", s.segmentId(), "bytes", s.bytes()));
                        verify(s);
                    }
                }));
    }

    private void verify(SegmentManifest s) {
        camera.dockPhase(DockPhase.VERIFYING);
        camera.evidence().verify(s).whenComplete((verdict, error) -> camera.onThread(() -> {
            if (!active) {
                return;
            }
            if (error != null) {
                failed(s, "verification failed: " + message(error));
            } else if (verdict.confirms(s.sha256()) && camera.faults().takeDuplicate(s)) {
                upload(s);
            } else if (verdict.confirms(s.sha256())) {
                camera.emit("upload.verified", Map.of("segmentId", s.segmentId(), "sha256", s.sha256()));
                camera.dockPhase(DockPhase.PURGING);
                camera.purge(s);
                busy = false;
                next();
            } else if (verdict.status() == Verification.Status.CORRUPT && verdict.sha256().equalsIgnoreCase(s.sha256())) {
                rejected(s);
                busy = false;
                next();
            } else if (verdict.status() == Verification.Status.CORRUPT) {
                checkOwnCopy(s, verdict);
            } else {
                failed(s, notConfirmed(s, verdict));
            }
        }));
    }

    /**
     * After a corrupt verdict the firmware hashes its own copy again: if that matches the hash taken
     * while recording, the damage happened on the way and a fresh upload is worth it; if not, the card's
     * copy itself is bad and uploading it again cannot help.
     */
    private void checkOwnCopy(SegmentManifest s, Verification verdict) {
        camera.ownCopySha256(s, (own, error) -> {
            if (!active) {
                return;
            }
            if (error != null) {
                failed(s, "own copy could not be read: " + message(error));
            } else if (!own.equals(s.sha256())) {
                hold(s, verdict.sha256());
                busy = false;
                next();
            } else {
                failed(s, notConfirmed(s, verdict));
            }
        });
    }

    private static String notConfirmed(SegmentManifest s, Verification verdict) {
        return "backend holds " + verdict.status().name().toLowerCase(java.util.Locale.ROOT)
                + " copy with sha256 " + verdict.sha256() + ", camera has " + s.sha256();
    }

    /** The camera's own copy is damaged: it keeps it, never deletes it, uploads it no more. */
    private void hold(SegmentManifest s, String backendSha256) {
        camera.storage().hold(s.segmentId());
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("segmentId", s.segmentId());
        fields.put("sha256", s.sha256());
        fields.put("readSha256", backendSha256);
        camera.emit("segment.damaged", fields);
    }

    /**
     * The backend holds exactly the camera's bytes but refused them on a content check (an mp4 that does
     * not probe right, docs/video.md): uploading the same bytes again cannot help, and nothing may be
     * deleted unverified, so the camera keeps the segment out of the queue.
     */
    private void rejected(SegmentManifest s) {
        camera.storage().hold(s.segmentId());
        camera.emit("segment.rejected", Map.of("segmentId", s.segmentId(), "sha256", s.sha256()));
    }

    /** Keeps the segment, tries it again after the retry delay, goes on with the others meanwhile. */
    private void failed(SegmentManifest s, String error) {
        camera.emit("upload.failed", Map.of("segmentId", s.segmentId(), "error", error));
        waiting.add(s.segmentId());
        retries.put(s.segmentId(), camera.scheduler().schedule(camera.config().uploadRetryDelay().toMillis(), () -> {
            retries.remove(s.segmentId());
            waiting.remove(s.segmentId());
            next();
        }));
        busy = false;
        next();
    }

    /**
     * Leaves the dock (undocked, rebooted, powered off): nothing more happens in this session, and the
     * dock's network goes with it, so a request in flight dies; the next dock resumes the upload.
     */
    void end(String reason) {
        active = false;
        retries.values().forEach(Timer::cancel);
        retries.clear();
        camera.evidence().interrupt(reason);
    }

    static String message(Throwable t) {
        Throwable c = t instanceof java.util.concurrent.CompletionException && t.getCause() != null ? t.getCause() : t;
        return c.getMessage() != null ? c.getMessage() : c.getClass().getSimpleName();
    }
}
