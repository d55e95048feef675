package io.bodycam.sim.camera.internal;

import io.bodycam.sim.state.DockPhase;
import io.bodycam.sim.state.ErrorCode;
import io.bodycam.sim.state.Flag;
import io.bodycam.sim.state.Mode;
import io.bodycam.sim.state.StopReason;
import io.bodycam.sim.event.CameraError;
import io.bodycam.sim.event.Docked;
import io.bodycam.sim.event.SegmentDamaged;
import io.bodycam.sim.event.SegmentRejected;
import io.bodycam.sim.event.SegmentUnprovable;
import io.bodycam.sim.event.TimeSynced;
import io.bodycam.sim.event.Undocked;
import io.bodycam.sim.event.UploadCompleted;
import io.bodycam.sim.event.UploadFailed;
import io.bodycam.sim.event.UploadProgress;
import io.bodycam.sim.event.UploadResumed;
import io.bodycam.sim.event.UploadVerified;
import io.bodycam.sim.link.EvidenceLink;
import io.bodycam.sim.link.UploadSlots;
import io.bodycam.sim.recording.SegmentManifest;
import io.bodycam.sim.storage.Storage;
import io.bodycam.sim.time.Scheduler;
import io.bodycam.sim.time.Timer;
import io.bodycam.sim.upload.ProgressListener;
import io.bodycam.sim.upload.TimeSample;
import io.bodycam.sim.upload.Verification;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The camera in its dock. Each stay: time sync, config sync, then upload, verify and purge each stored
 * segment in upload order, until the queue is empty. A segment whose upload fails or that the backend
 * does not confirm with the camera's own SHA-256 stays on the camera and is tried again later: nothing
 * is deleted before it is verified (docs/design.md#nothing-lost-nothing-doubled, [S23, S28]).
 *
 * <p>A corrupt verdict on a segment whose own copy no longer matches its hash holds it on the card,
 * out of the upload queue (uploading bad bytes again cannot help). A segment the backend confirms is
 * normally purged at once; an armed duplicate-upload fault uploads it once more first.
 *
 * <p>A stay talks to the backend only while it holds one of the dock site's {@link UploadSlots upload
 * slots}: it asks for one before its time sync and whenever a segment is ready, and gives it back, with
 * its connection, when it has nothing more to send (firmware downloads after that are outside the slots).
 *
 * <p>Each piece of an upload the backend accepts is told to the bench ({@code upload.progress}), on the
 * camera's thread. Undocking ends the stay; results and progress that arrive after that are ignored,
 * and the next dock resumes the interrupted upload.
 */
public final class Dock {

    private final Scheduler scheduler;
    private final ModeMachine machine;
    private final EvidenceLink evidence;
    private final EventSink events;
    private final Storage storage;
    private final EvidenceCard card;
    private final PendingFaults faults;
    private final LiveSettings settings;
    private final FirmwareUpdater firmware;
    private final DeviceClock clock;
    private final Flags flags;
    private final Duration retryDelay;
    private final UploadSlots slots;
    private boolean inDock;
    private Stay stay;

    public Dock(Scheduler scheduler, ModeMachine machine, EvidenceLink evidence, EventSink events, Storage storage,
                EvidenceCard card, PendingFaults faults, LiveSettings settings, FirmwareUpdater firmware,
                DeviceClock clock, Flags flags, Duration retryDelay, UploadSlots slots) {
        this.scheduler = scheduler;
        this.machine = machine;
        this.evidence = evidence;
        this.events = events;
        this.storage = storage;
        this.card = card;
        this.faults = faults;
        this.settings = settings;
        this.firmware = firmware;
        this.clock = clock;
        this.flags = flags;
        this.retryDelay = retryDelay;
        this.slots = slots;
    }

    /** The camera sits in the dock (whatever its mode). */
    public boolean inDock() {
        return inDock;
    }

    /** The camera was put in the dock; the caller brings it into {@link Mode#DOCKED} when it can. */
    public void placed() {
        inDock = true;
    }

    /** Docked: a stay begins. */
    public void enter() {
        machine.enter(Mode.DOCKED);
        events.emit(new Docked(events.deviceId(), events.time()));
        stay = new Stay();
        stay.start();
    }

    /** Ready after boot, a recording or a recovery: the dock if the camera sits in it, else buffering. */
    public void ready() {
        if (inDock) {
            enter();
        } else {
            machine.enter(Mode.READY_BUFFERING);
        }
    }

    /** Taken out of the dock: back to buffering; unfinished uploads wait for the next dock. */
    public void undock() {
        inDock = false;
        if (machine.mode() == Mode.DOCKED) {
            firmware.undocked();
            end(StopReason.UNDOCKED);
            events.emit(new Undocked(events.deviceId(), events.time()));
            machine.enter(Mode.READY_BUFFERING);
        }
    }

    /**
     * Ends the stay (undocked, rebooted, powered off, failed): nothing more happens in it, and the dock's
     * network goes with it, so a request in flight dies; the next dock resumes the upload.
     */
    public void end(StopReason reason) {
        if (stay != null) {
            stay.end(reason);
            stay = null;
        }
    }

    /** A segment file was written (or failed, mp4 mode): a docked camera looks at its queue again. */
    public void segmentReady() {
        if (stay != null) {
            stay.segmentReady();
        }
    }

    private void timeSynced(TimeSample sample) {
        long estimate = sample.serverEpochMillis() + sample.roundTripMillis() / 2;
        long correction = clock.sync(estimate, scheduler.now());
        flags.set(Flag.CLOCK_UNSYNCED, false);
        events.emit(new TimeSynced(events.deviceId(), events.time(), correction));
    }

    /** One stay in the dock, from docking to undocking (or a shutdown). */
    private final class Stay {

        private final Set<String> waiting = new HashSet<>();
        private final Map<String, Timer> retries = new HashMap<>();
        private boolean active = true;
        private boolean busy;
        /** Time and config are synced: uploads may start. */
        private boolean synced;
        /** The upload slot this stay holds or waits for; null for none. */
        private UploadSlots.Ticket slot;
        private boolean granted;

        void start() {
            withSlot(this::syncTime);
        }

        /**
         * Runs {@code then} holding an upload slot: at once when the stay holds one, else when one is granted
         * (on the camera's thread; a request already waiting goes on to its own step, which leads to the queue).
         */
        private void withSlot(Runnable then) {
            if (granted) {
                then.run();
            } else if (slot == null) {
                slot = slots.request(() -> scheduler.execute(() -> {
                    if (active) {
                        granted = true;
                        then.run();
                    }
                }));
            }
        }

        /**
         * Nothing more to send: the connection and the slot go back to the site. Not while a failed segment waits
         * for its retry: the stay keeps both for it.
         */
        private void giveBack() {
            if (granted) {
                evidence.disconnectIdle();
            }
            releaseSlot();
        }

        /** The slot held goes back to the site, or the request still waiting is withdrawn. */
        private void releaseSlot() {
            if (slot != null) {
                slot.close();
                slot = null;
                granted = false;
            }
        }

        private void syncTime() {
            machine.dockPhase(DockPhase.TIME_SYNC);
            evidence.time().whenComplete((sample, error) -> scheduler.run(() -> {
                if (!active) {
                    return;
                }
                if (error != null) {
                    events.emit(new CameraError(events.deviceId(), events.time(), ErrorCode.TIME_SYNC, Failure.message(error)));
                } else {
                    timeSynced(sample);
                }
                syncConfig();
            }));
        }

        private void syncConfig() {
            machine.dockPhase(DockPhase.CONFIG_SYNC);
            evidence.config().whenComplete((config, error) -> scheduler.run(() -> {
                if (!active) {
                    return;
                }
                if (error != null) {
                    events.emit(new CameraError(events.deviceId(), events.time(), ErrorCode.CONFIG_SYNC, Failure.message(error)));
                } else {
                    if (!config.config().isEmpty()) {
                        settings.apply(config.config(), "dock v" + config.version())
                                .ifPresent(e -> events.emit(new CameraError(events.deviceId(), events.time(), ErrorCode.CONFIG_REJECTED, e)));
                    }
                    config.firmwareOffer().ifPresent(firmware::offerFromDock);
                }
                synced = true;
                next();
            }));
        }

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
            Optional<SegmentManifest> nextSegment = storage.nextToUpload(waiting);
            if (nextSegment.isEmpty()) {
                machine.dockPhase(DockPhase.IDLE);
                if (waiting.isEmpty()) {
                    giveBack();
                }
                firmware.maybeStart();
                return;
            }
            if (!granted) {
                withSlot(this::next);
                return;
            }
            busy = true;
            upload(nextSegment.get());
        }

        private void upload(SegmentManifest s) {
            machine.dockPhase(DockPhase.UPLOADING);
            evidence.upload(s, card.payload(s), progress(s)).whenComplete((sent, error) -> scheduler.run(() -> {
                if (!active) {
                    return;
                }
                if (error != null) {
                    failed(s, "upload failed: " + Failure.message(error));
                } else {
                    if (sent < s.bytes()) {
                        events.emit(new UploadResumed(events.deviceId(), events.time(), s.segmentId(), sent, s.bytes()));
                    }
                    events.emit(new UploadCompleted(events.deviceId(), events.time(), s.segmentId(), s.bytes(), false));
                    verify(s);
                }
            }));
        }

        /**
         * Tells the bench, on the camera's thread, each piece of {@code s} short of the whole that the backend
         * accepted in this stay (the last one is told by {@code upload.completed}).
         */
        private ProgressListener progress(SegmentManifest s) {
            return (committed, total) -> scheduler.run(() -> {
                if (active && committed < total) {
                    events.emit(new UploadProgress(events.deviceId(), events.time(), s.segmentId(), committed, total));
                }
            });
        }

        private void verify(SegmentManifest s) {
            machine.dockPhase(DockPhase.VERIFYING);
            evidence.verify(s).whenComplete((verdict, error) -> scheduler.run(() -> {
                if (!active) {
                    return;
                }
                if (error != null) {
                    failed(s, "verification failed: " + Failure.message(error));
                } else if (verdict.confirms(s.sha256()) && faults.takeDuplicate(s)) {
                    upload(s);
                } else if (verdict.confirms(s.sha256())) {
                    events.emit(new UploadVerified(events.deviceId(), events.time(), s.segmentId(), s.sha256()));
                    machine.dockPhase(DockPhase.PURGING);
                    card.purge(s);
                    busy = false;
                    next();
                } else if (verdict.status() == Verification.Status.CORRUPT && verdict.sha256().equalsIgnoreCase(s.sha256())) {
                    rejected(s);
                    busy = false;
                    next();
                } else if (verdict.status() == Verification.Status.CORRUPT) {
                    checkOwnCopy(s, verdict);
                } else if (verdict.status() == Verification.Status.UNPROVABLE) {
                    unprovable(s);
                    busy = false;
                    next();
                } else {
                    failed(s, notConfirmed(s, verdict));
                }
            }));
        }

        /**
         * After a corrupt verdict the firmware hashes its own copy again: if that matches the hash taken
         * while recording, the damage happened on the way and a fresh upload is worth it; if not, the
         * card's copy itself is bad and uploading it again cannot help.
         */
        private void checkOwnCopy(SegmentManifest s, Verification verdict) {
            card.ownCopySha256(s, (own, error) -> {
                if (!active) {
                    return;
                }
                if (error != null) {
                    failed(s, "own copy could not be read: " + Failure.message(error));
                } else if (!own.equals(s.sha256())) {
                    hold(s, verdict.sha256());
                    busy = false;
                    next();
                } else {
                    failed(s, notConfirmed(s, verdict));
                }
            });
        }

        /** The camera's own copy is damaged: it keeps it, never deletes it, uploads it no more. */
        private void hold(SegmentManifest s, String backendSha256) {
            storage.hold(s.segmentId());
            events.emit(new SegmentDamaged(events.deviceId(), events.time(), s.segmentId(), s.sha256(), backendSha256));
        }

        /**
         * The backend holds exactly the camera's bytes but refused them on a content check (an mp4 that
         * does not probe right, docs/video.md): uploading the same bytes again cannot help, and nothing
         * may be deleted unverified, so the camera keeps the segment out of the queue.
         */
        private void rejected(SegmentManifest s) {
            storage.hold(s.segmentId());
            events.emit(new SegmentRejected(events.deviceId(), events.time(), s.segmentId(), s.sha256()));
        }

        /**
         * The upload completed but nothing can prove the store's copy: the camera keeps the segment out of the
         * queue (deleting it unproved could lose evidence, sending it again would only double the store's).
         */
        private void unprovable(SegmentManifest s) {
            storage.hold(s.segmentId());
            events.emit(new SegmentUnprovable(events.deviceId(), events.time(), s.segmentId(), s.sha256()));
        }

        /** Keeps the segment, tries it again after the retry delay, goes on with the others meanwhile. */
        private void failed(SegmentManifest s, String error) {
            events.emit(new UploadFailed(events.deviceId(), events.time(), s.segmentId(), error));
            waiting.add(s.segmentId());
            retries.put(s.segmentId(), scheduler.schedule(retryDelay.toMillis(), () -> {
                retries.remove(s.segmentId());
                waiting.remove(s.segmentId());
                next();
            }));
            busy = false;
            next();
        }

        void end(StopReason reason) {
            active = false;
            retries.values().forEach(Timer::cancel);
            retries.clear();
            evidence.interrupt(reason.wireName());
            releaseSlot();
        }
    }

    /** Why the backend's verdict does not let the camera delete a segment. */
    static String notConfirmed(SegmentManifest s, Verification verdict) {
        return "backend holds " + verdict.status().name().toLowerCase(Locale.ROOT)
                + " copy with sha256 " + verdict.sha256() + ", camera has " + s.sha256();
    }
}
