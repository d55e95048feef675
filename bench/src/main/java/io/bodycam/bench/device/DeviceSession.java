package io.bodycam.bench.device;

import io.bodycam.bench.fleet.Fleet;
import io.bodycam.bench.fleet.FleetMember;
import io.bodycam.bench.live.LiveCameras;
import io.bodycam.bench.observer.FleetObserver;
import io.bodycam.bench.run.RunBackend;
import io.bodycam.bench.scenario.Backend;
import io.bodycam.bench.scenario.Behaviour;
import io.bodycam.bench.scenario.FleetGroup;
import io.bodycam.bench.scenario.PayloadMode;
import io.bodycam.bench.scenario.DeviceProfile;
import io.bodycam.bench.scenario.Scenario;
import io.bodycam.sim.camera.Camera;
import io.bodycam.sim.camera.CameraListener;
import io.bodycam.sim.net.Transport;
import io.bodycam.sim.time.PausableClock;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One camera, or a few, in a developer's hand ({@code bodycam device}): real cameras wired as a run
 * wires them, against the embedded reference backend (started here) or any backend a scenario accepts,
 * on a {@link PausableClock} the developer can pause, step and speed up. A backend observer watches
 * them as a run's does, and carries the commands a developer sends as the backend would. The cameras
 * are a {@link LiveCameras} fleet, so the control API and the dashboard serve them as they serve a run.
 *
 * <pre>{@code
 * try (DeviceSession s = DeviceSession.start(DeviceSession.Settings.defaults(), console)) {
 *     s.cameras().act("DEV-0001", new CameraAction.StartRecording(Trigger.BUTTON));
 * }
 * }</pre>
 */
public final class DeviceSession implements AutoCloseable {

    /**
     * What to start.
     *
     * @param count        cameras, 1..100
     * @param idPattern    device ids, with {@code {index}} or {@code {index:0000}}
     * @param mqtt         an external broker ({@code tcp://host:port}), or null for the embedded backend
     * @param upload       the external backend's HTTP base, with {@code mqtt}
     * @param speed        virtual seconds per wall second
     * @param paused       start with the clock standing still
     * @param payloadScale bytes on the wire per byte recorded (0.01: a 5-minute segment is 1.5 MB)
     * @param profile      how the cameras speak to the backend (docs/backends.md)
     */
    public record Settings(int count, String idPattern, String agency, long seed, URI mqtt, URI upload,
                           Backend.MqttVersion mqttVersion, double speed, boolean paused, double payloadScale,
                           DeviceProfile profile) {

        /** With the reference contract's profile. */
        public Settings(int count, String idPattern, String agency, long seed, URI mqtt, URI upload,
                        Backend.MqttVersion mqttVersion, double speed, boolean paused, double payloadScale) {
            this(count, idPattern, agency, seed, mqtt, upload, mqttVersion, speed, paused, payloadScale, DeviceProfile.REFERENCE);
        }

        public Settings {
            if (count < 1 || count > 100) {
                throw new IllegalArgumentException("camera count must be 1..100, was " + count);
            }
            if ((mqtt == null) != (upload == null)) {
                throw new IllegalArgumentException("an external backend needs both --mqtt and --upload");
            }
            Objects.requireNonNull(mqttVersion, "MQTT version");
            Objects.requireNonNull(profile, "device profile");
        }

        /** One camera against the embedded backend, in real time. */
        public static Settings defaults() {
            return new Settings(1, "DEV-{index:0000}", "dev", 1, null, null, Backend.MqttVersion.V3_1_1, 1, false, 0.01);
        }

        public Settings withCount(int n) {
            return new Settings(n, idPattern, agency, seed, mqtt, upload, mqttVersion, speed, paused, payloadScale, profile);
        }

        public Settings withBackend(URI broker, URI http) {
            return new Settings(count, idPattern, agency, seed, broker, http, mqttVersion, speed, paused, payloadScale, profile);
        }

        /** The cameras speak {@code p} (and the session's observer follows it). */
        public Settings withProfile(DeviceProfile p) {
            return new Settings(count, idPattern, agency, seed, mqtt, upload, mqttVersion, speed, paused, payloadScale, p);
        }

        public Settings withClock(double newSpeed, boolean startPaused) {
            return new Settings(count, idPattern, agency, seed, mqtt, upload, mqttVersion, newSpeed, startPaused, payloadScale, profile);
        }
    }

    private final PausableClock clock;
    private final RunBackend backend;
    private final FleetObserver observer;
    private final Fleet fleet;
    private final LiveCameras cameras;
    private final List<CameraListener> listeners;
    private final double speed;
    /** Puts the cameras' states on the board twice a wall second, for the dashboard and {@code GET /cameras}. */
    private final ScheduledExecutorService looker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "bodycam-device-look");
        t.setDaemon(true);
        return t;
    });

    private DeviceSession(PausableClock clock, RunBackend backend, FleetObserver observer, Fleet fleet, LiveCameras cameras,
                          List<CameraListener> listeners, double speed) {
        this.clock = clock;
        this.backend = backend;
        this.observer = observer;
        this.fleet = fleet;
        this.cameras = cameras;
        this.listeners = listeners;
        this.speed = speed;
        looker.scheduleWithFixedDelay(cameras::look, 0, 500, TimeUnit.MILLISECONDS);
    }

    /**
     * Starts the backend (when embedded) and the observer, and switches the cameras on (they boot as
     * soon as the clock runs).
     *
     * @throws IllegalStateException when the backend cannot be reached
     */
    public static DeviceSession start(Settings s, PrintWriter console) {
        long now = System.currentTimeMillis();
        PausableClock clock = s.paused() ? PausableClock.paused(now) : PausableClock.running(now, s.speed());
        if (s.paused()) {
            clock.setSpeed(s.speed());
        }
        Scenario scenario = scenario(s);
        RunBackend backend = null;
        FleetObserver observer = null;
        try {
            backend = RunBackend.start(scenario, clock, Path.of("."), console);
            observer = new FleetObserver(backend.mqtt().toString(), s.agency(), clock, s.profile().topics());
            observer.start();
            List<CameraListener> listeners = new CopyOnWriteArrayList<>();
            RunBackend b = backend;
            Fleet fleet = new Fleet(scenario, new Fleet.Routes() {
                @Override
                public URI mqtt(String group) {
                    return b.mqtt();
                }

                @Override
                public URI upload(String group) {
                    return b.upload();
                }

                @Override
                public String firmwareKey() {
                    return b.firmwareKey();
                }
            }, clock, Transport.best(), 1, e -> listeners.forEach(l -> l.onEvent(e)));
            List<LiveCameras.Member> members = new ArrayList<>();
            for (FleetMember m : fleet.members()) {
                members.add(LiveCameras.Member.of(m.group(), m.agency(), m.camera()));
            }
            LiveCameras cameras = new LiveCameras("bodycam device", members, observer, clock, () -> LiveCameras.Figures.NONE);
            listeners.add(cameras);
            fleet.members().forEach(m -> m.camera().powerOn());
            console.printf("%d camera%s (%s) against %s and %s; clock %s at speed %s%n", members.size(),
                    members.size() == 1 ? "" : "s", String.join(", ", members.stream().map(LiveCameras.Member::deviceId).toList()),
                    backend.mqtt(), backend.upload(), s.paused() ? "paused" : "running", s.speed());
            console.flush();
            return new DeviceSession(clock, backend, observer, fleet, cameras, listeners, s.speed());
        } catch (IOException | RuntimeException e) {
            if (observer != null) {
                observer.close();
            }
            if (backend != null) {
                backend.close();
            }
            clock.close();
            throw new IllegalStateException("cannot start the device session: " + e.getMessage(), e);
        }
    }

    private static Scenario scenario(Settings s) {
        Backend backend = (s.mqtt() == null ? Backend.embedded(s.mqttVersion()) : Backend.external(s.mqtt(), s.upload(), s.mqttVersion()))
                .withProfile(s.profile());
        return Scenario.builder("device").description("cameras in hand").seed(s.seed()).duration(Duration.ofDays(30))
                .backend(backend).payload(PayloadMode.SYNTHETIC, s.payloadScale())
                .group(FleetGroup.builder("device").count(s.count()).idPattern(s.idPattern()).agency(s.agency())
                        .behaviour(Behaviour.builder().incidentsPerHour(0).build()).build())
                .build();
    }

    public PausableClock clock() {
        return clock;
    }

    /** The speed the session started at (what {@code resume} goes back to). */
    public double startSpeed() {
        return speed;
    }

    /** The cameras as the dashboard and the control API see them, and the actions on them. */
    public LiveCameras cameras() {
        return cameras;
    }

    public List<String> deviceIds() {
        return fleet.members().stream().map(m -> m.camera().deviceId()).toList();
    }

    public Optional<Camera> camera(String deviceId) {
        return fleet.members().stream().map(FleetMember::camera).filter(c -> c.deviceId().equals(deviceId)).findFirst();
    }

    /** The backend's observer: what the backend sees of each camera. */
    public FleetObserver observer() {
        return observer;
    }

    public RunBackend backend() {
        return backend;
    }

    /** Hears every camera event from now on, on the camera's thread. */
    public void listen(CameraListener listener) {
        listeners.add(listener);
    }

    public void unlisten(CameraListener listener) {
        listeners.remove(listener);
    }

    /** Switches the cameras off (each says {@code offline}), then stops the observer, the backend and the clock. */
    @Override
    public void close() {
        looker.shutdownNow();
        if (clock.isPaused()) {
            clock.resume();
        }
        fleet.close();
        observer.close();
        backend.close();
        clock.close();
    }
}
