package io.bodycam.sim.camera;

import io.bodycam.sim.event.CameraEvent;
import io.bodycam.sim.testing.FakeEvidenceBackend;
import io.bodycam.sim.testing.RecordingTelemetry;
import io.bodycam.sim.time.ManualClock;
import io.bodycam.sim.video.SegmentCard;
import io.bodycam.sim.video.VideoWorkers;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** One camera on a manual clock with a recording MQTT link and a fake evidence backend. */
final class CameraRig {

    static final Instant START = Instant.parse("2027-01-04T07:00:00Z");

    final ManualClock clock = new ManualClock(START);
    final FakeEvidenceBackend backend;
    final List<CameraEvent> events = new ArrayList<>();
    final Camera camera;
    RecordingTelemetry mqtt;
    /** Runs the card's file jobs when the rig says so; null for a synthetic camera. */
    final VideoWorkers workers;

    CameraRig(UnaryOperator<CameraConfig.Builder> tweak) {
        this(tweak, null, null);
    }

    /** A camera filming mp4 onto a card written by {@code workers} (manual: run as time advances). */
    CameraRig(UnaryOperator<CameraConfig.Builder> tweak, java.util.function.Function<String, SegmentCard> card,
              VideoWorkers workers) {
        CameraConfig config = tweak.apply(CameraConfig.builder("IPD-0001").seed(42)).build();
        this.workers = workers;
        backend = new FakeEvidenceBackend(clock, config.uploadPayloadBytesPerSecond());
        backend.lteBytesPerSecond(config.ltePayloadBytesPerSecond());
        camera = new Camera(config, clock, h -> mqtt = new RecordingTelemetry(clock, h), backend, events::add,
                card == null ? null : card.apply(config.deviceId()));
    }

    CameraRig() {
        this(b -> b);
    }

    /** Moves virtual time; with a card, a second at a time, finishing the files due after each second. */
    void advance(Duration d) {
        if (workers == null) {
            clock.advance(d);
            return;
        }
        long end = clock.now() + d.toMillis();
        while (clock.now() < end) {
            clock.advanceTo(Math.min(end, clock.now() + 1000));
            finishFiles();
        }
    }

    /** Runs the file jobs waiting now (and the camera work they hop back to). */
    void finishFiles() {
        while (workers.runQueued() > 0) {
            clock.runDue();
        }
    }

    long elapsed() {
        return clock.now() - START.toEpochMilli();
    }

    /** Powers on and lets the camera boot into buffering. */
    CameraRig booted() {
        camera.powerOn();
        advance(camera.config().bootTime());
        return this;
    }

    CameraSnapshot snapshot() {
        return camera.snapshot().join();
    }

    /** The events of one type, in order. */
    <T extends CameraEvent> List<T> events(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
