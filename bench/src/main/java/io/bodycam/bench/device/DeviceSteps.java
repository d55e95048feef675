package io.bodycam.bench.device;

import io.bodycam.bench.live.ActionResult;
import io.bodycam.bench.live.CameraAction;
import io.bodycam.bench.live.EventLine;
import io.bodycam.bench.live.LiveCameras;
import io.bodycam.sim.camera.CameraListener;
import io.bodycam.sim.camera.CameraSnapshot;
import io.bodycam.sim.event.CameraEvent;
import io.bodycam.sim.recording.SegmentManifest;
import io.bodycam.sim.state.DockPhase;
import io.bodycam.sim.state.Mode;
import io.bodycam.sim.state.Trigger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The steps of a device session, one line each, typed at the console or read from a script (so a bug
 * report can carry them): the camera actions of the dashboard, the clock's controls, what to show,
 * and {@code wait}/{@code expect} to let time run until something happens or to check that it did.
 * A step never throws for bad input: its {@link Outcome} says what was wrong.
 *
 * <pre>
 * record                        dock                       wait phase UPLOADING within 2m
 * wait event upload.progress within 2m                     pull-network 60s
 * wait event upload.resumed within 20m                     expect uploaded
 * </pre>
 */
public final class DeviceSteps implements CameraListener {

    /** The step names, for completion and {@code help}. */
    public static final List<String> NAMES = List.of("help", "use", "on", "off", "record", "stop", "dock", "undock",
            "pull-network", "power-cut", "battery", "storage", "skew", "command", "pause", "resume", "speed", "step",
            "status", "queue", "events", "wait", "expect");

    /** What a step came to; {@code ok} false fails a script. */
    public record Outcome(boolean ok, String text) {
    }

    private static final Duration DEFAULT_WITHIN = Duration.ofMinutes(30);
    private static final long RECHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    private final DeviceSession session;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    /** The cameras' events since the last action: what {@code wait event} and {@code expect event} look at. */
    private final List<EventLine> seen = new ArrayList<>();
    private String selected;

    public DeviceSteps(DeviceSession session) {
        this.session = session;
        this.selected = session.deviceIds().get(0);
        session.listen(this);
    }

    /** The camera the steps act on. */
    public String selected() {
        return selected;
    }

    @Override
    public void onEvent(CameraEvent e) {
        EventLine line = EventLine.of(e);
        lock.lock();
        try {
            seen.add(line);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Runs one line; blank lines and {@code #} comments do nothing. */
    public Outcome run(String line) {
        String text = line.strip();
        if (text.isEmpty() || text.startsWith("#")) {
            return new Outcome(true, "");
        }
        List<String> words = Arrays.asList(text.split("\\s+"));
        String name = words.get(0).toLowerCase(Locale.ROOT);
        List<String> args = words.subList(1, words.size());
        try {
            return step(name, args);
        } catch (IllegalArgumentException e) {
            return new Outcome(false, e.getMessage());
        }
    }

    private Outcome step(String name, List<String> args) {
        switch (name) {
            case "help":
                return ok(help());
            case "use":
                return use(StepArgs.arg(args, 0, "use <device id or number>"));
            case "status":
                return ok(status());
            case "queue":
                return ok(queue());
            case "events":
                return ok(events(args.isEmpty() ? 10 : StepArgs.whole(args.get(0), "events count", 1, LiveCameras.EVENTS_KEPT)));
            case "pause":
                session.clock().pause();
                return ok("clock paused at " + time());
            case "resume":
                session.clock().resume();
                return ok("clock running at speed " + session.clock().speed());
            case "speed":
                session.clock().setSpeed(StepArgs.number(StepArgs.arg(args, 0, "speed <virtual seconds per wall second>"), "speed"));
                return ok("speed " + session.clock().speed() + (session.clock().isPaused() ? " (paused)" : ""));
            case "step":
                session.clock().step(StepArgs.duration(StepArgs.arg(args, 0, "step <duration, e.g. 30s>")));
                return ok("clock at " + time() + " (paused)");
            case "wait":
                return waitFor(condition(args), within(args));
            case "expect":
                return expect(condition(args));
            default:
                return act(action(name, args));
        }
    }

    private CameraAction action(String name, List<String> args) {
        return switch (name) {
            case "on" -> new CameraAction.PowerOn();
            case "off" -> new CameraAction.PowerOff();
            case "record" -> new CameraAction.StartRecording(args.isEmpty() ? Trigger.BUTTON : StepArgs.trigger(args.get(0)));
            case "stop" -> new CameraAction.StopRecording();
            case "dock" -> new CameraAction.Dock();
            case "undock" -> new CameraAction.Undock();
            case "pull-network" -> new CameraAction.PullNetwork(StepArgs.duration(StepArgs.arg(args, 0, "pull-network <duration, e.g. 60s>")));
            case "power-cut" -> new CameraAction.PowerCut();
            case "battery" -> new CameraAction.SetBattery(StepArgs.number(StepArgs.arg(args, 0, "battery <percent>"), "battery percent"));
            case "storage" -> StepArgs.storage(StepArgs.arg(args, 0, "storage full|free"));
            case "skew" -> new CameraAction.SkewClock(StepArgs.duration(StepArgs.arg(args, 0, "skew <duration, e.g. 1h or -90s>")));
            case "command" -> StepArgs.command(args);
            default -> throw new IllegalArgumentException("no step '" + name + "'; steps: " + String.join(", ", NAMES));
        };
    }

    private Outcome act(CameraAction action) {
        lock.lock();
        try {
            seen.clear();
        } finally {
            lock.unlock();
        }
        try {
            ActionResult r = session.cameras().act(selected, action).toCompletableFuture().get(40, TimeUnit.SECONDS);
            return ok(selected + ": " + r.message());
        } catch (TimeoutException e) {
            return new Outcome(false, selected + ": no answer within 40 s");
        } catch (java.util.concurrent.ExecutionException | CompletionException e) {
            return new Outcome(false, selected + ": " + (e.getCause() == null ? e : e.getCause()).getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(false, "interrupted");
        }
    }

    // ------------------------------------------------------------------ wait and expect

    /** Something a script waits for or expects of the selected camera. */
    private record Check(String text, Predicate<CameraSnapshot> now, String eventType) {
    }

    private Check condition(List<String> args) {
        String what = StepArgs.arg(args, 0, "wait|expect mode <MODE> | phase <PHASE> | event <type> | uploaded | online | offline");
        return switch (what.toLowerCase(Locale.ROOT)) {
            case "mode" -> {
                Mode m = StepArgs.named(Mode.class, StepArgs.arg(args, 1, "mode <MODE>"), "mode");
                yield new Check("mode " + m, s -> s.mode() == m, null);
            }
            case "phase" -> {
                DockPhase p = StepArgs.named(DockPhase.class, StepArgs.arg(args, 1, "phase <PHASE>"), "dock phase");
                yield new Check("dock phase " + p, s -> s.mode() == Mode.DOCKED && s.dockPhase() == p, null);
            }
            case "event" -> {
                String type = StepArgs.arg(args, 1, "event <type, e.g. upload.verified>");
                yield new Check("event " + type, null, type);
            }
            case "uploaded" -> new Check("everything uploaded", s -> s.mode() == Mode.DOCKED && s.dockPhase() == DockPhase.IDLE
                    && s.uploadable() == 0, null);
            case "online" -> new Check("online", CameraSnapshot::connected, null);
            case "offline" -> new Check("offline", s -> !s.connected(), null);
            default -> throw new IllegalArgumentException("cannot wait for '" + what
                    + "': mode <MODE>, phase <PHASE>, event <type>, uploaded, online or offline");
        };
    }

    private Duration within(List<String> args) {
        int at = args.indexOf("within");
        if (at < 0) {
            return DEFAULT_WITHIN;
        }
        return StepArgs.duration(StepArgs.arg(args, at + 1, "within <duration>"));
    }

    /**
     * Lets virtual time run (a paused clock runs for the wait, at its speed) until the check holds for
     * the selected camera, or {@code within} of virtual time has passed.
     */
    private Outcome waitFor(Check check, Duration within) {
        var clock = session.clock();
        long deadline = clock.now() + within.toMillis();
        boolean wasPaused = clock.isPaused();
        if (wasPaused) {
            clock.resume();
        }
        try {
            while (true) {
                if (holds(check)) {
                    return ok(selected + ": " + check.text() + " at " + time());
                }
                long left = deadline - clock.now();
                if (left <= 0) {
                    return new Outcome(false, selected + ": no " + check.text() + " within " + within.toSeconds() + " s (virtual)"
                            + "; " + brief());
                }
                awaitChange(Math.min(RECHECK_NANOS, (long) (left * 1e6 / clock.speed()) + 1));
            }
        } finally {
            if (wasPaused) {
                clock.pause();
            }
        }
    }

    private Outcome expect(Check check) {
        return holds(check) ? ok(selected + ": " + check.text()) : new Outcome(false, selected + ": expected " + check.text()
                + "; " + brief());
    }

    private boolean holds(Check check) {
        if (check.eventType() != null) {
            lock.lock();
            try {
                return seen.stream()
                        .anyMatch(e -> e.deviceId().equals(selected) && e.type().equals(check.eventType()));
            } finally {
                lock.unlock();
            }
        }
        return check.now().test(snapshot());
    }

    private void awaitChange(long nanos) {
        lock.lock();
        try {
            changed.awaitNanos(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalArgumentException("interrupted");
        } finally {
            lock.unlock();
        }
    }

    // ------------------------------------------------------------------ what to show

    private CameraSnapshot snapshot() {
        return session.camera(selected).orElseThrow().snapshot().join();
    }

    /** One line: the selected camera now (the console's status line, and what a failed wait says). */
    public String brief() {
        CameraSnapshot s = snapshot();
        return String.format(Locale.ROOT, "%s %s%s, %s, battery %.0f %%, %d to upload%s | %s %s", selected, s.mode(),
                s.dockPhase() == null ? "" : "/" + s.dockPhase(), s.connected() ? "online" : "offline", s.batteryPercent(),
                s.uploadable(), s.recordingId() == null ? "" : ", recording " + s.recordingId(), time(),
                session.clock().isPaused() ? "paused" : "x" + session.clock().speed());
    }

    private String status() {
        CameraSnapshot s = snapshot();
        return String.join("\n",
                String.format(Locale.ROOT, "%s  mode %s%s  %s  battery %.1f %%  flags %s  firmware %s  boots %d", selected,
                        s.mode(), s.dockPhase() == null ? "" : " / " + s.dockPhase(), s.connected() ? "online" : "offline",
                        s.batteryPercent(), s.flags().isEmpty() ? "-" : s.flags().stream().map(Enum::name).collect(Collectors.joining(",")),
                        s.firmware(), s.boots()),
                String.format(Locale.ROOT, "storage %.3f GB used, %.3f GB free; %d segments stored, %d to upload; recording %s",
                        s.storageUsed() / 1e9, s.storageFree() / 1e9, s.stored().size(), s.uploadable(),
                        s.recordingId() == null ? "-" : s.recordingId()),
                queue(s),
                String.format(Locale.ROOT, "clock %s, %s; backend %s, %s", time(),
                        session.clock().isPaused() ? "paused" : "speed " + session.clock().speed(),
                        session.backend().mqtt(), session.backend().upload()));
    }

    private String queue() {
        return queue(snapshot());
    }

    private static String queue(CameraSnapshot s) {
        if (s.stored().isEmpty()) {
            return "no pending upload";
        }
        return "pending uploads: " + s.stored().stream().map(m -> m.segmentId() + " " + mb(m) + (s.held().contains(m.segmentId())
                ? " (held: damaged)" : "")).collect(Collectors.joining(", "));
    }

    private static String mb(SegmentManifest m) {
        return String.format(Locale.ROOT, "%.2f MB", m.bytes() / 1e6);
    }

    private String events(int n) {
        List<EventLine> last = session.cameras().lastEvents(selected, n);
        if (last.isEmpty()) {
            return "no events yet";
        }
        return last.stream().map(DeviceSteps::line).collect(Collectors.joining("\n"));
    }

    /** An event as the console prints it. */
    public static String line(EventLine e) {
        Map<String, Object> f = new LinkedHashMap<>(e.fields());
        String fields = f.entrySet().stream().map(x -> x.getKey() + "=" + x.getValue()).collect(Collectors.joining(" "));
        return Instant.ofEpochMilli(e.time()).toString().substring(11, 19) + " " + e.deviceId() + " " + e.type()
                + (fields.isEmpty() ? "" : " " + fields);
    }

    private String help() {
        return String.join("\n",
                "camera:  on | off | record [button|holster|lightbar] | stop | dock | undock",
                "world:   pull-network <30s> | power-cut | battery <percent> | storage full|free | skew <1h|-90s>",
                "backend: command <type> [key=value ...]   (as the backend sends it; the camera acks)",
                "clock:   pause | resume | speed <x> | step <duration>",
                "show:    status | queue | events [n] | use <device id or number>",
                "script:  wait <what> [within <duration>] | expect <what>",
                "         what: mode <MODE> | phase <PHASE> | event <type> | uploaded | online | offline");
    }

    private String time() {
        return Instant.ofEpochMilli(session.clock().now()).toString();
    }

    // ------------------------------------------------------------------ arguments

    private Outcome use(String which) {
        List<String> ids = session.deviceIds();
        String id = which.chars().allMatch(Character::isDigit) && !ids.contains(which)
                ? ids.get(StepArgs.whole(which, "camera number", 1, ids.size()) - 1) : which;
        if (!ids.contains(id)) {
            throw new IllegalArgumentException("no camera " + id + "; cameras: " + String.join(", ", ids));
        }
        selected = id;
        return ok("acting on " + id);
    }

    private static Outcome ok(String text) {
        return new Outcome(true, text);
    }

}
