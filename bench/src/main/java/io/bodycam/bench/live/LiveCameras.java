package io.bodycam.bench.live;

import io.bodycam.bench.observer.DeviceView;
import io.bodycam.bench.observer.FleetObserver;
import io.bodycam.bench.observer.GpsReport;
import io.bodycam.sim.camera.Camera;
import io.bodycam.sim.camera.CameraListener;
import io.bodycam.sim.camera.CameraSnapshot;
import io.bodycam.sim.event.CameraEvent;
import io.bodycam.sim.state.DockPhase;
import io.bodycam.sim.state.Mode;
import io.bodycam.sim.time.SimClock;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Real cameras as the dashboard and the control API see them: a {@link LiveFleet} over the simulator's
 * cameras and the backend's observer. Each {@link #look} puts every camera's state (its own snapshot,
 * the position and presence the backend received) on a {@link CameraBoard}; it keeps each camera's
 * last events (it is a {@link CameraListener}); and it carries the dashboard's actions out on the
 * camera, a backend command through the observer as the backend would send it. What only its owner
 * knows (rates, latencies, evidence, assertions, faults) comes from a {@link Figures} supplier.
 */
public final class LiveCameras implements LiveFleet, CameraListener {

    /** Events kept per camera for its detail. */
    public static final int EVENTS_KEPT = 50;
    /** How long a camera has to acknowledge a command sent from the dashboard (wall time). */
    static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);

    /**
     * One camera and how to dock it: a run docks through its dock station (bays, the officer off duty),
     * cameras in hand straight into their dock.
     *
     * @param docking called with true to dock the camera, false to take it out
     */
    public record Member(String deviceId, String group, String agency, Camera camera, Consumer<Boolean> docking) {

        public Member {
            Objects.requireNonNull(camera, "camera");
            Objects.requireNonNull(docking, "docking");
        }

        /** A camera docked and undocked directly. */
        public static Member of(String group, String agency, Camera camera) {
            return new Member(camera.deviceId(), group, agency, camera, dock -> {
                if (dock) {
                    camera.dock();
                } else {
                    camera.undock();
                }
            });
        }
    }

    /** The figures the owner adds to the counters. */
    public record Figures(double mqttPerSecond, double uploadBytesPerSecond, Map<String, FleetCounters.Latency> latency,
                          FleetCounters.Evidence evidence, List<FleetCounters.AssertionState> assertions,
                          List<FleetCounters.ActiveFault> faults) {

        public static final Figures NONE = new Figures(0, 0, Map.of(), FleetCounters.Evidence.NONE, List.of(), List.of());
    }

    private final String title;
    private final List<Member> members;
    private final List<RosterEntry> roster;
    private final Map<String, Member> byId = new HashMap<>();
    private final Map<String, Deque<EventLine>> events = new HashMap<>();
    private final FleetObserver observer;
    private final SimClock clock;
    private final Supplier<Figures> figures;
    private final CameraBoard board;

    /** @param observer the backend's observer: positions, presence, and the way commands go out */
    public LiveCameras(String title, List<Member> members, FleetObserver observer, SimClock clock, Supplier<Figures> figures) {
        this.title = title;
        this.members = List.copyOf(members);
        this.observer = observer;
        this.clock = clock;
        this.figures = figures;
        List<RosterEntry> r = new ArrayList<>();
        for (Member m : this.members) {
            r.add(new RosterEntry(m.deviceId(), m.group()));
            byId.put(m.deviceId(), m);
            events.put(m.deviceId(), new ArrayDeque<>());
        }
        this.roster = List.copyOf(r);
        this.board = new CameraBoard(roster);
    }

    /** Keeps the event for the camera's detail; called on the camera's thread. */
    @Override
    public void onEvent(CameraEvent e) {
        Deque<EventLine> kept = events.get(e.deviceId());
        if (kept == null) {
            return;
        }
        EventLine line = EventLine.of(e);
        synchronized (kept) {
            kept.addLast(line);
            if (kept.size() > EVENTS_KEPT) {
                kept.removeFirst();
            }
        }
    }

    /** Takes every camera's snapshot and puts the states on the board. */
    public void look() {
        look(members.stream().map(m -> m.camera().snapshot()).map(CompletableFuture::join).toList());
    }

    /** Puts the states from {@code snapshots} (in member order) and the backend's view on the board. */
    public void look(List<CameraSnapshot> snapshots) {
        Map<String, DeviceView> seen = new HashMap<>();
        observer.devices().forEach(d -> seen.put(d.deviceId(), d));
        for (CameraSnapshot s : snapshots) {
            DeviceView view = seen.get(s.deviceId());
            board.put(state(s, view));
        }
    }

    static CameraState state(CameraSnapshot s, DeviceView view) {
        Optional<GpsReport> gps = view == null ? Optional.empty() : view.gps().filter(GpsReport::hasFix);
        double lat = gps.map(g -> Math.round(g.lat() * 1e5) / 1e5).orElse(Double.NaN);
        double lon = gps.map(g -> Math.round(g.lon() * 1e5) / 1e5).orElse(Double.NaN);
        boolean uploading = s.mode() == Mode.PRIORITY_UPLOAD || s.mode() == Mode.DOCKED
                && (s.dockPhase() == DockPhase.UPLOADING || s.dockPhase() == DockPhase.VERIFYING);
        return new CameraState(s.deviceId(), s.mode(), s.mode() == Mode.DOCKED ? s.dockPhase() : null, lat, lon,
                view != null && view.online(), uploading);
    }

    @Override
    public String title() {
        return title;
    }

    @Override
    public List<RosterEntry> roster() {
        return roster;
    }

    @Override
    public FleetChanges changesSince(long cursor) {
        return board.since(cursor);
    }

    @Override
    public FleetCounters counters() {
        Map<Mode, Integer> modes = new EnumMap<>(Mode.class);
        int online = 0;
        int uploading = 0;
        for (CameraState s : board.all()) {
            modes.merge(s.mode(), 1, Integer::sum);
            online += s.online() ? 1 : 0;
            uploading += s.uploading() ? 1 : 0;
        }
        Figures f = figures.get();
        return new FleetCounters(clock.now(), roster.size(), modes, online, uploading, f.mqttPerSecond(),
                f.uploadBytesPerSecond(), f.latency(), f.evidence(), f.assertions(), f.faults());
    }

    @Override
    public CompletionStage<CameraDetail> detail(String deviceId, int count) {
        Member m = member(deviceId);
        return m.camera().snapshot().thenApply(s -> {
            board.put(state(s, observer.device(deviceId).orElse(null)));
            return new CameraDetail(deviceId, m.group(), board.get(deviceId), Optional.of(s), lastEvents(deviceId, count));
        });
    }

    /** The camera's latest {@code count} events, oldest first. */
    public List<EventLine> lastEvents(String deviceId, int count) {
        Deque<EventLine> kept = events.get(deviceId);
        if (kept == null) {
            throw new NoSuchCameraException(deviceId);
        }
        synchronized (kept) {
            List<EventLine> all = new ArrayList<>(kept);
            return all.subList(Math.max(0, all.size() - count), all.size());
        }
    }

    @Override
    public CompletionStage<ActionResult> act(String deviceId, CameraAction action) {
        Member m = member(deviceId);
        if (action instanceof CameraAction.SendCommand cmd) {
            return observer.sendCommand(m.agency(), deviceId, cmd.type(), cmd.params(), COMMAND_TIMEOUT)
                    .thenApply(ack -> new ActionResult(deviceId, action, ack.ok()
                            ? cmd.type() + " acknowledged ok in " + ack.roundTrip().toMillis() + " ms"
                            : cmd.type() + " refused by the camera: " + ack.error().orElse("no reason given")));
        }
        return CompletableFuture.completedFuture(new ActionResult(deviceId, action, carryOut(m, action)));
    }

    /** Does what the action says to the camera (on its thread) and says what was done. */
    private static String carryOut(Member m, CameraAction action) {
        Camera c = m.camera();
        if (action instanceof CameraAction.PowerOn) {
            return run(c::powerOn, "switched on");
        } else if (action instanceof CameraAction.PowerOff) {
            return run(c::powerOff, "switched off");
        } else if (action instanceof CameraAction.StartRecording a) {
            return run(() -> c.trigger(a.trigger()), "recording asked (" + a.trigger().wireName() + ")");
        } else if (action instanceof CameraAction.StopRecording) {
            return run(c::stopRecording, "stop asked");
        } else if (action instanceof CameraAction.Dock) {
            return run(() -> m.docking().accept(true), "placed in its dock");
        } else if (action instanceof CameraAction.Undock) {
            return run(() -> m.docking().accept(false), "taken out of its dock");
        } else if (action instanceof CameraAction.PullNetwork a) {
            return run(() -> c.faults().pullNetwork(a.length()), "network pulled for " + a.length().toSeconds() + " s");
        } else if (action instanceof CameraAction.PowerCut) {
            return run(c.faults()::powerLoss, "power cut");
        } else if (action instanceof CameraAction.SetBattery a) {
            return run(() -> c.faults().setBatteryLevel(a.percent()), "battery set to " + a.percent() + " %");
        } else if (action instanceof CameraAction.SetStorage a) {
            return a.full() ? run(c.faults()::fillStorage, "card filled") : run(c.faults()::releaseStorage, "card freed");
        } else if (action instanceof CameraAction.SkewClock a) {
            return run(() -> c.faults().skewClock(a.by()), "clock moved by " + a.by().toSeconds() + " s");
        }
        throw new IllegalArgumentException("unknown action " + action.kind());
    }

    private static String run(Runnable action, String what) {
        action.run();
        return what;
    }

    private Member member(String deviceId) {
        Member m = byId.get(deviceId);
        if (m == null) {
            throw new NoSuchCameraException(deviceId);
        }
        return m;
    }
}
