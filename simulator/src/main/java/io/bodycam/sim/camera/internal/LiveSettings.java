package io.bodycam.sim.camera.internal;

import io.bodycam.sim.camera.CameraSettings;
import io.bodycam.sim.event.ConfigApplied;

import java.util.Map;
import java.util.Optional;

/** The settings in force, as the backend last changed them ({@code setConfig}, the dock's config sync [S14]). */
public final class LiveSettings {

    private final EventSink events;
    private final Runnable changed;
    private CameraSettings current;

    /** {@code changed} runs after every change that was applied. */
    public LiveSettings(CameraSettings initial, EventSink events, Runnable changed) {
        this.current = initial;
        this.events = events;
        this.changed = changed;
    }

    public CameraSettings current() {
        return current;
    }

    /** Applies backend settings all-or-nothing; the error says why nothing was applied. */
    public Optional<String> apply(Map<String, String> changes, String source) {
        try {
            current = current.with(changes);
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
        events.emit(new ConfigApplied(events.deviceId(), events.time(), source, String.join(",", changes.keySet())));
        changed.run();
        return Optional.empty();
    }
}
