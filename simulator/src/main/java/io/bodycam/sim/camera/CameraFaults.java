package io.bodycam.sim.camera;

import io.bodycam.sim.recording.SegmentManifest;
import io.bodycam.sim.storage.Storage;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What the world can do to one camera beyond normal use: the device faults of a scenario (issue 5,
 * DOMAIN.md section (c)). Each method checks its argument at once, on the caller's thread, then hops
 * onto the camera's thread like every camera method. Each injected fault is reported to the bench as
 * a {@code fault.*} event on the {@link CameraListener} only: the camera itself does not know, so
 * nothing goes out on MQTT.
 *
 * <pre>{@code
 * camera.faults().powerLoss();                 // abrupt: the Will fires, the open segment is lost
 * camera.faults().skewClock(Duration.ofHours(1));
 * camera.faults().corruptNextSegment();        // the backend must see it as corrupt
 * }</pre>
 */
public final class CameraFaults {

    /** Largest clock drift accepted: 1 % (a broken oscillator, not a real crystal). */
    public static final double MAX_DRIFT_PPM = 10_000;

    private final Camera camera;
    private boolean corruptNext;
    private boolean duplicateNext;

    CameraFaults(Camera camera) {
        this.camera = camera;
    }

    /**
     * The power dies at once (battery pulled, brown-out): no {@code offline} status (the broker sends
     * the Will), no closing of the recording. Closed segments survive on the card; the open one is
     * lost, and the next boot goes through {@link Mode#RECOVERING_INTERRUPTED} [S19, S43].
     */
    public void powerLoss() {
        camera.onThread(camera::losePower);
    }

    /** Moves the camera's clock by {@code by} (a wrong manual setting, a DST error); flags it unsynced. */
    public void skewClock(Duration by) {
        Objects.requireNonNull(by, "clock skew");
        if (by.abs().compareTo(Duration.ofDays(36_500)) > 0) {
            throw new IllegalArgumentException("clock skew must be within ±36500 days, was " + by);
        }
        camera.onThread(() -> {
            camera.clock().skew(by.toMillis(), camera.scheduler().now());
            note("fault.clockSkew", "skewMs", by.toMillis());
            camera.flag(Flag.CLOCK_UNSYNCED, camera.clock().unsynced(camera.scheduler().now()));
        });
    }

    /**
     * From now on the camera's clock runs {@code ppm} parts per million fast (negative: slow); once it
     * is more than a second off it flags {@link Flag#CLOCK_UNSYNCED}. The dock's time sync corrects
     * the offset; the drift itself goes on.
     */
    public void driftPpm(double ppm) {
        if (!(Math.abs(ppm) <= MAX_DRIFT_PPM)) {
            throw new IllegalArgumentException("clock drift must be within ±" + (long) MAX_DRIFT_PPM + " ppm, was " + ppm);
        }
        camera.onThread(() -> {
            camera.clock().drift(ppm, camera.scheduler().now());
            note("fault.clockDrift", "ppm", ppm);
        });
    }

    /** The GPS receiver gets no fix for {@code duration} (a tunnel, a jammer): {@link Flag#NO_GPS_FIX} meanwhile. */
    public void loseGps(Duration duration) {
        Objects.requireNonNull(duration, "GPS loss duration");
        if (duration.isNegative() || duration.isZero() || duration.compareTo(Duration.ofDays(1)) > 0) {
            throw new IllegalArgumentException("GPS loss duration must be 1 ms..1 day, was " + duration);
        }
        camera.onThread(() -> {
            long now = camera.scheduler().now();
            camera.gps().jam(now, now + duration.toMillis());
            note("fault.gpsLoss", "durationMs", duration.toMillis());
            camera.flag(Flag.NO_GPS_FIX, true);
            camera.scheduler().schedule(duration.toMillis(), () -> {
                if (camera.mode() != Mode.OFF) {
                    camera.flag(Flag.NO_GPS_FIX, !camera.gps().fixAt(camera.scheduler().now()).fix());
                }
            });
        });
    }

    /**
     * The next segment the camera closes goes bad on the card right after it was hashed: one byte
     * reads flipped, so the backend must find it corrupt. The camera checks its own copy on a corrupt
     * verdict, finds it damaged, emits {@code segment.damaged} and keeps it without uploading it again.
     */
    public void corruptNextSegment() {
        camera.onThread(() -> corruptNext = true);
    }

    /**
     * The next segment the backend verifies is uploaded once more before the camera purges it (as if
     * the camera lost its "uploaded" mark): the backend must keep one copy.
     */
    public void duplicateNextUpload() {
        camera.onThread(() -> duplicateNext = true);
    }

    /**
     * Fills the card's free room with data that is not evidence: a recording stops with
     * {@code storage full}, new ones are refused, until {@link #releaseStorage()}.
     */
    public void fillStorage() {
        camera.onThread(() -> {
            Storage storage = camera.storage();
            storage.occupy(storage.unoccupied());
            note("fault.storageFilled", "freeBytes", storage.free());
            if (camera.mode() == Mode.RECORDING) {
                camera.recorder().progress(camera.scheduler().now());
            } else if (camera.mode() != Mode.OFF) {
                camera.refreshStorageFlags();
                camera.emit("storage.full", Map.of("freeBytes", storage.free()));
            }
        });
    }

    /** Gives back the room {@link #fillStorage()} took. */
    public void releaseStorage() {
        camera.onThread(() -> {
            camera.storage().occupy(0);
            note("fault.storageReleased", "freeBytes", camera.storage().free());
            if (camera.mode() != Mode.OFF) {
                camera.refreshStorageFlags();
            }
        });
    }

    /**
     * Sets the battery to {@code percent} at once (an old pack, a scenario's exhaustion); the low and
     * critical warnings follow, and at 0 % the camera closes its recording and dies.
     */
    public void setBatteryLevel(double percent) {
        if (!(percent >= 0 && percent <= 100)) {
            throw new IllegalArgumentException("battery level must be 0..100 %, was " + percent);
        }
        camera.onThread(() -> {
            camera.battery().set(percent, camera.scheduler().now());
            note("fault.battery", "pct", percent);
            if (camera.mode() != Mode.OFF) {
                camera.routines().housekeeping();
            }
        });
    }

    // ------------------------------------------------------------------ package-private: the firmware asks

    /** Called when a segment is stored: damages it if a corruption is pending. */
    void segmentStored(SegmentManifest m) {
        if (corruptNext) {
            corruptNext = false;
            camera.storage().damage(m.segmentId());
            note("fault.segmentDamaged", "segmentId", m.segmentId());
        }
    }

    /** True (once) when a pending duplicate upload applies to this just-verified segment. */
    boolean takeDuplicate(SegmentManifest s) {
        if (!duplicateNext) {
            return false;
        }
        duplicateNext = false;
        note("fault.duplicateUpload", "segmentId", s.segmentId());
        return true;
    }

    void note(String type, String key, Object value) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put(key, value);
        camera.note(type, fields);
    }
}
