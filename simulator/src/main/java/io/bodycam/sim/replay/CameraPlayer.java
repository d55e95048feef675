package io.bodycam.sim.replay;

import com.fasterxml.jackson.databind.JsonNode;
import io.bodycam.sim.camera.Camera;
import io.bodycam.sim.camera.CameraConfig;
import io.bodycam.sim.camera.CameraFaults;
import io.bodycam.sim.camera.CameraListener;
import io.bodycam.sim.link.EvidenceLink;
import io.bodycam.sim.link.ProofVerdict;
import io.bodycam.sim.link.TelemetryHandler;
import io.bodycam.sim.link.TelemetryLink;
import io.bodycam.sim.link.Topic;
import io.bodycam.sim.recording.SegmentManifest;
import io.bodycam.sim.recording.SegmentSource;
import io.bodycam.sim.state.ErrorCode;
import io.bodycam.sim.state.Trigger;
import io.bodycam.sim.time.Scheduler;
import io.bodycam.sim.time.Timer;
import io.bodycam.sim.upload.DeviceConfigResponse;
import io.bodycam.sim.upload.ProgressListener;
import io.bodycam.sim.upload.TimeSample;
import io.bodycam.sim.upload.Verification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * Plays one camera's input log, as an {@link InputRecorder} wrote it in a real-network run, back to that camera
 * alone: the camera is built again from its settings, and each line is one step, taken at the line's virtual time
 * on this thread, with no network and no wall clock. The scheduler runs only the tasks the log says ran, the links
 * answer only what the log says they answered, so a camera whose firmware depends only on its seed and its inputs
 * does again, event for event, what it did in the run. A log that asks for a task, a call or a slot the camera
 * never gave or made means the camera took another path: {@link #step()} says where, with a
 * {@link PlaybackException}.
 *
 * <pre>{@code
 * CameraPlayer player = new CameraPlayer(lines);               // the camera's lines of inputs.jsonl, in order
 * Camera camera = player.build(config, events::add);
 * while (player.step()) { }
 * }</pre>
 */
public final class CameraPlayer {

    private final List<JsonNode> lines;
    private final Map<Integer, Boolean> connectedAnswers = new HashMap<>();
    private final Clock clock = new Clock();
    private final Link link = new Link();
    private final Evidence evidence = new Evidence();
    private final List<Runnable> slotRequests = new ArrayList<>();
    private TelemetryHandler handler;
    private Camera camera;
    private int next;

    /** @param lines the camera's lines of an input log, in the order written; the first is its {@code new} line */
    public CameraPlayer(List<JsonNode> lines) {
        if (lines.isEmpty() || !"new".equals(lines.get(0).path("k").asText())) {
            throw new PlaybackException("an input log starts with the camera's new line; this one starts with "
                    + (lines.isEmpty() ? "nothing" : lines.get(0)));
        }
        List<JsonNode> steps = new ArrayList<>();
        for (JsonNode l : lines) {
            if ("conn".equals(l.path("k").asText())) {
                connectedAnswers.put(l.path("i").asInt(), l.path("v").asBoolean());
            } else {
                steps.add(l);
            }
        }
        this.lines = steps;
    }

    /** The key the camera's firmware checked updates against in the run; null when it had none. */
    public String firmwareKey() {
        return lines.get(0).hasNonNull("key") ? lines.get(0).get("key").asText() : null;
    }

    /** Builds the camera, at the virtual time it was built in the run; its events go to {@code listener}. */
    public Camera build(CameraConfig config, CameraListener listener) {
        if (camera != null) {
            throw new IllegalStateException("the camera is built already");
        }
        JsonNode first = lines.get(0);
        clock.at(first.path("t").asLong(), first.path("t").asLong());
        camera = new Camera(config, clock, h -> {
            handler = h;
            return link;
        }, evidence, listener, null, request -> {
            slotRequests.add(request);
            // a ticket closed after the site granted the slot still had its grant run in the run (the grant was on its
            // way to the camera's thread); one closed before never shows in the log: so closing changes nothing here
            return () -> { };
        });
        next = 1;
        return camera;
    }

    /** The virtual time of the step last taken (of the camera's construction before the first). */
    public long now() {
        return clock.now;
    }

    /** The virtual time of the next step; {@link Long#MAX_VALUE} at the end of the log. */
    public long nextAt() {
        return next < lines.size() ? lines.get(next).path("t").asLong() : Long.MAX_VALUE;
    }

    /** Steps taken so far, the camera's construction included. */
    public int taken() {
        return next;
    }

    /** Steps in the log, the camera's construction included. */
    public int steps() {
        return lines.size();
    }

    /**
     * Takes the next step of the log; false when there is none left.
     *
     * @throws PlaybackException when the log asks for something the camera did not give or make
     */
    public boolean step() {
        if (camera == null) {
            throw new IllegalStateException("build the camera first");
        }
        if (next >= lines.size()) {
            return false;
        }
        JsonNode l = lines.get(next++);
        long t = l.path("t").asLong();
        clock.at(t, l.has("u") ? l.get("u").asLong() : t);
        switch (l.path("k").asText()) {
            case "run" -> clock.fire(l.path("i").asInt());
            case "in" -> input(l.path("n").asText(), l.path("a"));
            case "will" -> handler.willPayload();
            case "up" -> {
                link.up = true;
                handler.linkUp();
            }
            case "down" -> {
                link.up = false;
                handler.linkDown(l.path("r").asText());
            }
            case "cmd" -> handler.command(binary(l.path("p")));
            case "res" -> evidence.answer(l.path("i").asInt(), l);
            case "prog" -> evidence.progress(l.path("i").asInt(), l.path("c").asLong(), l.path("n").asLong());
            case "grant" -> grant(l.path("i").asInt());
            case "will-inside" -> throw new PlaybackException(where() + "the MQTT link asked for the Last Will from inside"
                    + " a step of the firmware's, which a player cannot do again");
            default -> throw new PlaybackException(where() + "not an input line: " + l);
        }
        return true;
    }

    private String where() {
        return "input step " + next + " of " + lines.size() + " (" + lines.get(next - 1).path("d").asText() + "): ";
    }

    private static byte[] binary(JsonNode n) {
        try {
            return n.binaryValue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void grant(int n) {
        Runnable granted = n < slotRequests.size() ? slotRequests.get(n) : null;
        if (granted == null) {
            throw new PlaybackException(where() + "the record grants upload slot request " + n + ", which the camera "
                    + (n < slotRequests.size() ? "was granted already" : "never made"));
        }
        slotRequests.set(n, null);
        granted.run();
    }

    private void input(String name, JsonNode a) {
        CameraFaults faults = camera.faults();
        switch (name) {
            case "powerOn" -> camera.powerOn();
            case "powerOff" -> camera.powerOff();
            case "trigger" -> camera.trigger(Trigger.valueOf(a.path(0).asText()), a.path(1).asText(),
                    Boolean.parseBoolean(a.path(2).asText()));
            case "stopRecording" -> camera.stopRecording();
            case "dock" -> camera.dock();
            case "undock" -> camera.undock();
            case "priorityUpload" -> camera.priorityUpload();
            case "cancelPriorityUpload" -> camera.cancelPriorityUpload();
            case "sleep" -> camera.sleep();
            case "wake" -> camera.wake();
            case "reboot" -> camera.reboot(a.path(0).asText());
            case "fail" -> camera.fail(ErrorCode.valueOf(a.path(0).asText()), a.path(1).asText());
            case "fault.powerLoss" -> faults.powerLoss();
            case "fault.pullNetwork" -> faults.pullNetwork(Duration.parse(a.path(0).asText()));
            case "fault.skewClock" -> faults.skewClock(Duration.parse(a.path(0).asText()));
            case "fault.driftPpm" -> faults.driftPpm(Double.parseDouble(a.path(0).asText()));
            case "fault.loseGps" -> faults.loseGps(Duration.parse(a.path(0).asText()));
            case "fault.corruptNextSegment" -> faults.corruptNextSegment();
            case "fault.duplicateNextUpload" -> faults.duplicateNextUpload();
            case "fault.fillStorage" -> faults.fillStorage();
            case "fault.releaseStorage" -> faults.releaseStorage();
            case "fault.setBatteryLevel" -> faults.setBatteryLevel(Double.parseDouble(a.path(0).asText()));
            default -> throw new PlaybackException(where() + "not an input a camera takes: " + name);
        }
    }

    // ------------------------------------------------------------------ the camera's scheduler

    /** Virtual time that moves only when the log says, and runs only the tasks the log says ran. */
    private final class Clock implements Scheduler {

        private final List<Task> tasks = new ArrayList<>();
        private long now;
        private long due;

        private record Task(Runnable run, boolean periodic) {
        }

        void at(long now, long due) {
            this.now = now;
            this.due = due;
        }

        void fire(int n) {
            Task task = n < tasks.size() ? tasks.get(n) : null;
            if (task == null) {
                throw new PlaybackException(where() + "the record runs the firmware's task " + n + ", which the camera "
                        + (n < tasks.size() ? "cancelled or ran already" : "never gave its scheduler (" + tasks.size()
                        + " so far)"));
            }
            if (!task.periodic()) {
                tasks.set(n, null);
            }
            task.run().run();
        }

        private Timer add(Runnable task, boolean periodic) {
            int n = tasks.size();
            tasks.add(new Task(task, periodic));
            return () -> tasks.set(n, null);
        }

        @Override
        public long now() {
            return now;
        }

        @Override
        public long due() {
            return due;
        }

        @Override
        public Timer schedule(long delayMillis, Runnable task) {
            return add(task, false);
        }

        @Override
        public Timer every(long initialDelayMillis, long periodMillis, Runnable task) {
            return add(task, true);
        }

        @Override
        public void execute(Runnable task) {
            add(task, false);
        }

        @Override
        public boolean inThread() {
            return true;
        }
    }

    // ------------------------------------------------------------------ the links

    /** The MQTT link: up and down as the log says; what the firmware publishes goes nowhere. */
    private final class Link implements TelemetryLink {

        private boolean up;
        private int asked;

        @Override
        public void start() {
        }

        @Override
        public void stop(boolean graceful) {
        }

        @Override
        public boolean connected() {
            return connectedAnswers.getOrDefault(asked++, up);
        }

        @Override
        public void publish(Topic topic, byte[] payload) {
        }
    }

    /** The evidence link: each call answered when, and as, the log says. */
    private final class Evidence implements EvidenceLink {

        private record Call(CompletableFuture<Object> answer, Function<JsonNode, Object> read, ProgressListener progress) {
        }

        private final List<Call> calls = new ArrayList<>();

        @SuppressWarnings("unchecked")
        private <T> CompletionStage<T> call(Function<JsonNode, Object> read, ProgressListener progress) {
            CompletableFuture<Object> answer = new CompletableFuture<>();
            calls.add(new Call(answer, read, progress));
            return (CompletionStage<T>) answer;
        }

        private Call call(int n) {
            Call c = n < calls.size() ? calls.get(n) : null;
            if (c == null) {
                throw new PlaybackException(where() + "the record answers the firmware's evidence call " + n
                        + ", which the camera never made (" + calls.size() + " so far)");
            }
            return c;
        }

        void answer(int n, JsonNode l) {
            Call c = call(n);
            if (l.has("err")) {
                c.answer().completeExceptionally(new RecordedFailure(l.get("err").asText()));
            } else {
                c.answer().complete(c.read().apply(l.path("v")));
            }
        }

        void progress(int n, long committed, long total) {
            call(n).progress().committed(committed, total);
        }

        @Override
        public CompletionStage<TimeSample> time() {
            return call(InputValues::time, ProgressListener.NONE);
        }

        @Override
        public CompletionStage<DeviceConfigResponse> config() {
            return call(InputValues::config, ProgressListener.NONE);
        }

        @Override
        public CompletionStage<Long> upload(SegmentManifest segment, SegmentSource payload, ProgressListener progress) {
            return call(JsonNode::asLong, progress);
        }

        @Override
        public CompletionStage<Verification> verify(SegmentManifest segment) {
            return call(InputValues::verification, ProgressListener.NONE);
        }

        @Override
        public CompletionStage<ProofVerdict> prove(SegmentManifest segment) {
            return call(InputValues::verdict, ProgressListener.NONE);
        }

        @Override
        public void interrupt(String reason) {
        }

        @Override
        public void disconnectIdle() {
        }

        @Override
        public CompletionStage<Long> uploadOverLte(SegmentManifest segment, SegmentSource payload, ProgressListener progress) {
            return call(JsonNode::asLong, progress);
        }

        @Override
        public void cancelUpload(SegmentManifest segment) {
        }

        @Override
        public CompletionStage<byte[]> firmware(String path, long offset, int length) {
            return call(CameraPlayer::binary, ProgressListener.NONE);
        }
    }

    /** A failed answer as the run's firmware read it: only its message matters to the firmware. */
    private static final class RecordedFailure extends Exception {

        RecordedFailure(String message) {
            super(message, null, false, false);
        }
    }
}
