package io.bodycam.sim.camera.internal;

import io.bodycam.sim.camera.CameraConfig;
import io.bodycam.sim.state.DockPhase;
import io.bodycam.sim.state.ErrorCode;
import io.bodycam.sim.state.Mode;
import io.bodycam.sim.state.StopReason;
import io.bodycam.sim.event.CameraError;
import io.bodycam.sim.event.FirmwareApplied;
import io.bodycam.sim.event.FirmwareDownloadFailed;
import io.bodycam.sim.event.FirmwareDownloadPaused;
import io.bodycam.sim.event.FirmwareDownloadStarted;
import io.bodycam.sim.event.FirmwareDownloaded;
import io.bodycam.sim.event.FirmwareInterrupted;
import io.bodycam.sim.event.FirmwareOffered;
import io.bodycam.sim.event.FirmwareRejected;
import io.bodycam.sim.firmware.FirmwareOffer;
import io.bodycam.sim.firmware.FirmwareTrust;
import io.bodycam.sim.firmware.FirmwareVersion;
import io.bodycam.sim.link.EvidenceLink;
import io.bodycam.sim.recording.SeededBytes;
import io.bodycam.sim.time.Scheduler;
import io.bodycam.sim.time.Timer;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The camera's firmware: the version it runs, and an offered update on its way in
 * (docs/domain.md#firmware, docs/domain.md#dock-phases, docs/domain.md#failure-firmware).
 *
 * <p>An offer (the {@code updateFirmware} command, or the dock's config sync) names a download window.
 * The camera picks its own moment in it, a seeded fraction of the window ("Firmware Download Timeframe
 * ... a shorter timeframe means cameras download firmware sooner but may result in congestion" [S13]),
 * and downloads once it is docked, that moment has come (in its own clock), and no evidence waits for
 * upload: evidence comes first (docs/domain.md#dock-phases puts the firmware steps after upload, verify
 * and purge; "critical events upload first" [S27]; and a reboot must never stand between a recording
 * and its verification). A camera that misses its window downloads at its next dock.
 *
 * <p>The image comes in ranges over the dock's link, hashed as it arrives. Then the offer's manifest
 * must carry a valid Ed25519 signature by the trusted key and the image must hash to the manifest's
 * SHA-256; otherwise it is rejected (the camera keeps its firmware and says why) and never fetched
 * again. A verified image is staged and applied at once ("after staging, the upgrade is immediately
 * applied" [S28]); then the camera reboots into it and reports it.
 *
 * <p>Undocking mid-download pauses it: the next dock resumes from the same byte (VideoManager "fast
 * download recovery" [S31]); the partial image and its running hash stay in flash, which a real
 * camera would re-hash instead. Undocking or losing power mid-apply must not brick the camera
 * [GUESS] (docs/domain.md#failure-firmware asks to test it; no source says what firmware does): the
 * image is written to the inactive bank of an A/B layout and the switch happens only at the end, so the
 * camera comes back on its old firmware, keeps the staged image and applies it again at its next dock.
 */
public final class FirmwareUpdater {

    /** Bytes fetched per ranged GET (64 KiB, the camera's largest HTTP answer). */
    public static final int CHUNK = 64 * 1024;

    private enum Stage { NONE, WAITING, DOWNLOADING, STAGED, APPLYING }

    private final CameraConfig config;
    private final Scheduler scheduler;
    private final ModeMachine machine;
    private final EvidenceLink evidence;
    private final EventSink events;
    private final LongSupplier deviceTime;
    private final EvidenceCard card;
    private final Consumer<String> reboot;
    private final FirmwareTrust trust;
    /** Offers rejected (bad image, rollback), by {@link #fingerprint}, with the reason: never fetched again. */
    private final Map<String, String> rejected = new HashMap<>();
    private String running;
    private FirmwareOffer pending;
    private Stage stage = Stage.NONE;
    private long slot;
    private long offset;
    private MessageDigest digest;
    private long downloadStartedAt = -1;
    private int resumes;
    private Timer timer = Timer.NONE;
    /** Bumped whenever a download stops; answers to an earlier attempt's requests are dropped. */
    private int generation;
    /** The version run before an apply that completed; reported after the boot into the new one. */
    private String appliedFrom;
    /** Why an apply was cut by a shutdown; reported after the next boot. */
    private String interruptedBy;

    /**
     * @param deviceTime the camera's own clock, which the download window is read in
     * @param card       what tells whether evidence still waits for upload
     * @param reboot     reboots the camera, with the reason its {@code reboot} event gives
     */
    public FirmwareUpdater(CameraConfig config, Scheduler scheduler, ModeMachine machine, EvidenceLink evidence,
                           EventSink events, LongSupplier deviceTime, EvidenceCard card, Consumer<String> reboot) {
        this.config = config;
        this.scheduler = scheduler;
        this.machine = machine;
        this.evidence = evidence;
        this.events = events;
        this.deviceTime = deviceTime;
        this.card = card;
        this.reboot = reboot;
        this.running = config.firmware();
        String key = config.firmwareKey();
        this.trust = key == null ? null : FirmwareTrust.of(key);
    }

    public String running() {
        return running;
    }

    /** The version offered and neither applied nor rejected yet; null when none. */
    public String pendingVersion() {
        return pending == null ? null : pending.version();
    }

    /**
     * Takes an offer ({@code source} {@code command} or {@code dock}). Empty when accepted, or when it
     * changes nothing (the version already runs, or the same offer is already pending); else why not.
     */
    public Optional<String> offer(FirmwareOffer offer, String source) {
        if (trust == null) {
            return Optional.of("no firmware key configured: this camera cannot verify images");
        }
        int newer = FirmwareVersion.compare(offer.version(), running);
        if (newer == 0 || offer.equals(pending)) {
            return Optional.empty();
        }
        String before = rejected.get(fingerprint(offer));
        if (before != null) {
            return Optional.of("rejected before: " + before);
        }
        if (newer < 0) {
            String why = "rollback refused: " + offer.version() + " is older than the running " + running;
            rejected.put(fingerprint(offer), why);
            events.emit(new FirmwareRejected(events.deviceId(), events.time(), offer.version(), why));
            return Optional.of(why);
        }
        if (stage == Stage.APPLYING) {
            return Optional.of("applying " + pending.version() + " now; offer again after the reboot");
        }
        if (stage == Stage.DOWNLOADING) {
            idleDock();
        }
        stop();
        pending = offer;
        stage = Stage.WAITING;
        slot = slot(offer, config.seed());
        events.emit(new FirmwareOffered(events.deviceId(), events.time(), offer.version(), source, offer.bytes(), offer.windowStart(),
                offer.windowEnd(), slot));
        maybeStart();
        return Optional.empty();
    }

    /**
     * The {@code firmware} object of the dock's config answer: a malformed one is an {@code error} event;
     * a refusal is not (the same offer comes back at every dock).
     */
    public void offerFromDock(String json) {
        FirmwareOffer offer;
        try {
            offer = FirmwareOffer.parse(Payloads.JSON.readTree(json));
        } catch (IOException | IllegalArgumentException e) {
            events.emit(new CameraError(events.deviceId(), events.time(), ErrorCode.FIRMWARE_OFFER, String.valueOf(e.getMessage())));
            return;
        }
        offer(offer, "dock");
    }

    /**
     * The moment (backend clock, epoch ms) a camera starts downloading: a fraction of the window that
     * depends only on its seed and the version, so the same scenario spreads a fleet the same way.
     */
    public static long slot(FirmwareOffer offer, long seed) {
        long width = offer.windowEnd() - offer.windowStart();
        return width <= 0 ? offer.windowStart() : offer.windowStart() + (long) (fraction(seed, offer.version()) * width);
    }

    static double fraction(long seed, String version) {
        long z = SeededBytes.mix(seed ^ (version.hashCode() * 0x9E3779B97F4A7C15L));
        return (z >>> 11) * 0x1.0p-53;
    }

    /**
     * Starts (or schedules) the next step if the camera is docked with nothing left to upload: apply a
     * staged image, or download once the camera's moment has come. Called when the dock goes idle.
     */
    public void maybeStart() {
        if (pending == null || !dockIdle()) {
            return;
        }
        if (stage == Stage.STAGED) {
            apply();
            return;
        }
        if (stage != Stage.WAITING) {
            return;
        }
        timer.cancel();
        long wait = slot - deviceTime.getAsLong();
        if (wait > 0) {
            timer = scheduler.schedule(wait, this::maybeStart);
        } else {
            download();
        }
    }

    /** The camera left its dock: a download pauses (resumed at the next dock), an apply is abandoned. */
    public void undocked() {
        timer.cancel();
        if (stage == Stage.DOWNLOADING) {
            events.emit(pauseDownload(null));
        } else if (stage == Stage.APPLYING) {
            stage = Stage.STAGED;
            events.emit(interruption("undocked mid-apply"));
        }
    }

    /**
     * The camera shuts down (off, reboot, power loss, empty battery) or fails: what was in progress
     * stops; a download resumes at the next dock, an apply is done again there.
     */
    public void shutDown(StopReason reason) {
        timer.cancel();
        if (stage == Stage.DOWNLOADING) {
            events.emit(pauseDownload(reason));
        } else if (stage == Stage.APPLYING) {
            stage = Stage.STAGED;
            interruptedBy = reason.wireName() + " mid-apply";
        }
    }

    /** Stops the download where it is (a later one resumes at {@code offset}); its pause event. */
    private FirmwareDownloadPaused pauseDownload(StopReason shutdown) {
        generation++;
        stage = Stage.WAITING;
        return new FirmwareDownloadPaused(events.deviceId(), events.time(), pending.version(), offset, pending.bytes(), shutdown);
    }

    /** After a boot: says that an update took, or that one was cut short. */
    public void booted() {
        if (appliedFrom != null) {
            events.emit(new FirmwareApplied(events.deviceId(), events.time(), appliedFrom, running));
            appliedFrom = null;
        }
        if (interruptedBy != null) {
            events.emit(interruption(interruptedBy));
            interruptedBy = null;
        }
    }

    private void download() {
        stage = Stage.DOWNLOADING;
        if (digest == null) {
            digest = sha256();
            offset = 0;
            resumes = 0;
        } else {
            resumes++;
        }
        if (downloadStartedAt < 0) {
            downloadStartedAt = scheduler.now();
        }
        machine.dockPhase(DockPhase.FIRMWARE_DOWNLOADING);
        events.emit(new FirmwareDownloadStarted(events.deviceId(), events.time(), pending.version(), offset, pending.bytes()));
        nextChunk(generation);
    }

    private void nextChunk(int attempt) {
        long left = pending.bytes() - offset;
        if (left == 0) {
            downloaded();
            return;
        }
        int n = (int) Math.min(CHUNK, left);
        evidence.firmware(pending.path(), offset, n).whenComplete((bytes, error) -> scheduler.run(() -> {
            if (attempt != generation || stage != Stage.DOWNLOADING) {
                return;
            }
            if (error != null) {
                failed(Failure.message(error));
            } else if (bytes.length != n) {
                failed("asked " + n + " bytes at " + offset + ", got " + bytes.length);
            } else {
                digest.update(bytes);
                offset += n;
                nextChunk(attempt);
            }
        }));
    }

    /** A request failed: the camera keeps what it has and tries again after the retry delay, if still docked. */
    private void failed(String error) {
        generation++;
        stage = Stage.WAITING;
        events.emit(new FirmwareDownloadFailed(events.deviceId(), events.time(), pending.version(), offset, error));
        idleDock();
        timer = scheduler.schedule(config.uploadRetryDelay().toMillis(), this::maybeStart);
    }

    private void downloaded() {
        String sha = HexFormat.of().formatHex(digest.digest());
        digest = null;
        if (!trust.signed(pending)) {
            reject("bad signature: the manifest of " + pending.version() + " is not signed by the trusted firmware key");
            return;
        }
        if (!sha.equals(pending.sha256())) {
            reject("sha256 mismatch: the image hashes to " + sha + ", its signed manifest says " + pending.sha256());
            return;
        }
        stage = Stage.STAGED;
        machine.dockPhase(DockPhase.FIRMWARE_STAGED);
        events.emit(new FirmwareDownloaded(events.deviceId(), events.time(), pending.version(), pending.bytes(), sha,
                scheduler.now() - downloadStartedAt, resumes));
        downloadStartedAt = -1;
        apply();
    }

    private void apply() {
        stage = Stage.APPLYING;
        machine.dockPhase(DockPhase.FIRMWARE_APPLYING);
        timer = scheduler.schedule(config.firmwareApplyTime().toMillis(), this::applied);
    }

    private void applied() {
        appliedFrom = running;
        running = pending.version();
        pending = null;
        stage = Stage.NONE;
        timer = Timer.NONE;
        reboot.accept("firmware " + running);
    }

    /** The image failed verification: the camera keeps its firmware, says why, and never fetches it again. */
    private void reject(String reason) {
        rejected.put(fingerprint(pending), reason);
        events.emit(new FirmwareRejected(events.deviceId(), events.time(), pending.version(), reason));
        pending = null;
        stop();
        stage = Stage.NONE;
        idleDock();
    }

    /** Docked, the dock idle, and no evidence waiting for upload: when firmware may come in. */
    private boolean dockIdle() {
        return machine.mode() == Mode.DOCKED && machine.dockPhase() == DockPhase.IDLE && !card.evidenceWaiting();
    }

    private void idleDock() {
        if (machine.mode() == Mode.DOCKED) {
            machine.dockPhase(DockPhase.IDLE);
        }
    }

    /** Drops a pending download and its progress. */
    private void stop() {
        timer.cancel();
        generation++;
        digest = null;
        offset = 0;
        downloadStartedAt = -1;
    }

    private FirmwareInterrupted interruption(String reason) {
        return new FirmwareInterrupted(events.deviceId(), events.time(), pending.version(), reason, running);
    }

    private static String fingerprint(FirmwareOffer o) {
        return o.version() + ' ' + o.sha256() + ' ' + o.signature() + ' ' + o.path();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
