package io.bodycam.sim.camera;

import io.bodycam.sim.testing.FakeEvidenceBackend;
import io.bodycam.sim.testing.RecordingTelemetry;
import io.bodycam.sim.time.ManualClock;

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

    CameraRig(UnaryOperator<CameraConfig.Builder> tweak) {
        CameraConfig config = tweak.apply(CameraConfig.builder("IPD-0001").seed(42)).build();
        backend = new FakeEvidenceBackend(clock, config.uploadPayloadBytesPerSecond());
        backend.lteBytesPerSecond(config.ltePayloadBytesPerSecond());
        camera = new Camera(config, clock, h -> mqtt = new RecordingTelemetry(clock, h), backend, events::add);
    }

    CameraRig() {
        this(b -> b);
    }

    void advance(Duration d) {
        clock.advance(d);
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

    List<CameraEvent> events(String type) {
        return events.stream().filter(e -> e.type().equals(type)).toList();
    }
}
