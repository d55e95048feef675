package io.bodycam.sim.replay;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.bodycam.sim.camera.InputJournal;
import io.bodycam.sim.link.EvidenceLink;
import io.bodycam.sim.link.ProofVerdict;
import io.bodycam.sim.link.TelemetryHandler;
import io.bodycam.sim.link.TelemetryLink;
import io.bodycam.sim.link.Topic;
import io.bodycam.sim.link.UploadSlots;
import io.bodycam.sim.recording.SegmentManifest;
import io.bodycam.sim.recording.SegmentSource;
import io.bodycam.sim.time.Scheduler;
import io.bodycam.sim.time.Timer;
import io.bodycam.sim.upload.DeviceConfigResponse;
import io.bodycam.sim.upload.ProgressListener;
import io.bodycam.sim.upload.TimeSample;
import io.bodycam.sim.upload.Verification;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One camera's {@link InputJournal} in a real-network run: every step the firmware takes on its thread becomes a
 * line of the run's {@code inputs.jsonl} (docs/reproduce.md#the-input-log), handed to a sink that must neither block
 * nor drop. A step is one of:
 * <ul>
 *   <li>{@code run}: a task the firmware gave its scheduler (the n-th it gave, counted in steps) ran;</li>
 *   <li>{@code in}: the officer or the bench did something to the camera (power on, dock, a fault ...);</li>
 *   <li>{@code will}, {@code up}, {@code down}, {@code cmd}: the MQTT link asked for the Last Will, came up, went
 *       down, or brought a command;</li>
 *   <li>{@code res}, {@code prog}: the n-th call the firmware made on its evidence link answered, or told how far an
 *       upload got;</li>
 *   <li>{@code grant}: the dock site gave the camera its n-th asked-for upload slot.</li>
 * </ul>
 * Each carries the virtual time at its start ({@code t}), which the firmware then reads all through the step.
 * Besides steps, a {@code conn} line says what the link answered when the firmware asked whether it was connected,
 * where that was not what the link's last {@code up} or {@code down} implied.
 *
 * <p>An input that arrives while a step runs (a link calling back from inside a firmware call) waits for the step
 * to end and becomes a step of its own; a link's answer always does. Touched only on the camera's thread, apart
 * from the sink and the hops onto that thread.
 */
public final class InputRecorder implements InputJournal {

    private static final JsonFactory JSON = new JsonFactory();

    private final String deviceId;
    private final Consumer<String> sink;
    private final String firmwareKey;
    /** {@code {"d":"ID","k":"}, the start of every line. */
    private final String prefix;
    private Scheduler inner;
    private boolean inStep;
    private boolean constructing;
    private long stepNow;
    private long stepDue;
    private int tasks;
    private int calls;
    private int requests;
    private int connectedAsked;
    private boolean upImplied;

    /**
     * Writes down camera {@code deviceId}'s inputs to {@code sink}; {@code firmwareKey} (null: none) is the key its
     * firmware checks updates against, which its player needs to build it again.
     */
    public InputRecorder(String deviceId, String firmwareKey, Consumer<String> sink) {
        this.deviceId = deviceId;
        this.sink = sink;
        this.firmwareKey = firmwareKey;
        StringWriter start = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(start)) {
            g.writeString(deviceId);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a device id", e);
        }
        this.prefix = "{\"d\":" + start + ",\"k\":\"";
    }

    @Override
    public Scheduler scheduler(Scheduler camera) {
        this.inner = camera;
        stepNow = camera.now();
        stepDue = stepNow;
        inStep = true;
        constructing = true;
        line("new", g -> {
            if (firmwareKey != null) {
                g.writeStringField("key", firmwareKey);
            }
        });
        return new Steps();
    }

    @Override
    public void built() {
        inStep = false;
        constructing = false;
    }

    @Override
    public TelemetryHandler handler(TelemetryHandler firmware) {
        return new Handler(firmware);
    }

    @Override
    public TelemetryLink telemetry(TelemetryLink link) {
        return new Telemetry(link);
    }

    @Override
    public EvidenceLink evidence(EvidenceLink link) {
        return new Evidence(link);
    }

    @Override
    public UploadSlots slots(UploadSlots slots) {
        return granted -> {
            if (!stepping()) {
                return slots.request(granted);
            }
            int n = requests++;
            return slots.request(() -> inner.execute(() -> step("grant", g -> g.writeNumberField("i", n), granted)));
        };
    }

    @Override
    public Runnable input(String name, Runnable task, Object... args) {
        return () -> {
            if (stepping()) {
                task.run();
                return;
            }
            step("in", g -> {
                g.writeStringField("n", name);
                if (args.length > 0) {
                    g.writeArrayFieldStart("a");
                    for (Object a : args) {
                        g.writeString(String.valueOf(a));
                    }
                    g.writeEndArray();
                }
            }, task);
        };
    }

    // ------------------------------------------------------------------ steps and lines

    /**
     * True inside a step of the firmware's, on its thread (or while it is being built): the bench may call the
     * camera's public methods from other threads at any moment, and those calls are not part of a step.
     */
    private boolean stepping() {
        return inStep && (constructing || inner.inThread());
    }

    private interface Fields {
        void write(JsonGenerator g) throws IOException;
    }

    /** Runs {@code task} as a step that starts now, after writing its line. */
    private void step(String kind, Fields fields, Runnable task) {
        stepNow = inner.now();
        stepDue = inner.due();
        inStep = true;
        try {
            line(kind, fields);
            task.run();
        } finally {
            inStep = false;
        }
    }

    /** A firmware task's line, by far the most common: written by hand, without a JSON generator. */
    private record TaskLine(int n) implements Fields {
        @Override
        public void write(JsonGenerator g) throws IOException {
            g.writeNumberField("i", n);
        }
    }

    private void line(String kind, Fields fields) {
        if (fields instanceof TaskLine task) {
            StringBuilder b = new StringBuilder(prefix.length() + 48).append(prefix).append(kind).append("\",\"t\":").append(stepNow);
            if (stepDue != stepNow) {
                b.append(",\"u\":").append(stepDue);
            }
            sink.accept(b.append(",\"i\":").append(task.n()).append('}').toString());
            return;
        }
        StringWriter out = new StringWriter(96);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("d", deviceId);
            g.writeStringField("k", kind);
            g.writeNumberField("t", stepNow);
            if (stepDue != stepNow) {
                g.writeNumberField("u", stepDue);
            }
            fields.write(g);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write an input line", e);
        }
        sink.accept(out.toString());
    }

    /** Runs {@code task} as a step of its own: now, or after the step that is running. */
    private void stepSoon(String kind, Fields fields, Runnable task) {
        if (stepping()) {
            inner.execute(() -> step(kind, fields, task));
        } else {
            step(kind, fields, task);
        }
    }

    // ------------------------------------------------------------------ the firmware's scheduler

    /** The camera's scheduler, with the clock frozen through each step and the firmware's tasks counted. */
    private final class Steps implements Scheduler {

        @Override
        public long now() {
            return stepping() ? stepNow : inner.now();
        }

        @Override
        public long due() {
            return stepping() ? stepDue : inner.due();
        }

        @Override
        public Timer schedule(long delayMillis, Runnable task) {
            if (!stepping()) {
                return inner.schedule(delayMillis, task);
            }
            TaskLine line = new TaskLine(tasks++);
            return inner.schedule(delayMillis, () -> step("run", line, task));
        }

        @Override
        public Timer every(long initialDelayMillis, long periodMillis, Runnable task) {
            if (!stepping()) {
                return inner.every(initialDelayMillis, periodMillis, task);
            }
            TaskLine line = new TaskLine(tasks++);
            return inner.every(initialDelayMillis, periodMillis, () -> step("run", line, task));
        }

        @Override
        public void execute(Runnable task) {
            if (!stepping()) {
                inner.execute(task);
                return;
            }
            TaskLine line = new TaskLine(tasks++);
            inner.execute(() -> step("run", line, task));
        }

        @Override
        public boolean inThread() {
            return inner.inThread();
        }
    }

    // ------------------------------------------------------------------ the MQTT side

    private final class Handler implements TelemetryHandler {

        private final TelemetryHandler firmware;

        Handler(TelemetryHandler firmware) {
            this.firmware = firmware;
        }

        @Override
        public byte[] willPayload() {
            if (stepping()) {
                // asked from inside a firmware call: the player's link never asks there, so say so in the record
                line("will-inside", g -> { });
                return firmware.willPayload();
            }
            byte[][] will = new byte[1][];
            step("will", g -> { }, () -> will[0] = firmware.willPayload());
            return will[0];
        }

        @Override
        public void linkUp() {
            stepSoon("up", g -> { }, () -> {
                upImplied = true;
                firmware.linkUp();
            });
        }

        @Override
        public void linkDown(String reason) {
            stepSoon("down", g -> g.writeStringField("r", reason), () -> {
                upImplied = false;
                firmware.linkDown(reason);
            });
        }

        @Override
        public void command(byte[] payload) {
            stepSoon("cmd", g -> g.writeBinaryField("p", payload), () -> firmware.command(payload));
        }
    }

    private final class Telemetry implements TelemetryLink {

        private final TelemetryLink link;

        Telemetry(TelemetryLink link) {
            this.link = link;
        }

        @Override
        public void start() {
            link.start();
        }

        @Override
        public void stop(boolean graceful) {
            link.stop(graceful);
        }

        @Override
        public boolean connected() {
            boolean up = link.connected();
            if (stepping()) {
                int n = connectedAsked++;
                if (up != upImplied) {
                    line("conn", g -> {
                        g.writeNumberField("i", n);
                        g.writeBooleanField("v", up);
                    });
                }
            }
            return up;
        }

        @Override
        public void publish(Topic topic, byte[] payload) {
            link.publish(topic, payload);
        }
    }

    // ------------------------------------------------------------------ the HTTP side

    private interface Value<T> {
        void write(JsonGenerator g, T value) throws IOException;
    }

    private final class Evidence implements EvidenceLink {

        private final EvidenceLink link;

        Evidence(EvidenceLink link) {
            this.link = link;
        }

        /** The link's answer to call {@code n}, delivered to the firmware as a step of its own. */
        private <T> CompletionStage<T> answer(int n, CompletionStage<T> call, Value<T> value) {
            CompletableFuture<T> answered = new CompletableFuture<>();
            call.whenComplete((v, error) -> inner.execute(() -> step("res", g -> {
                g.writeNumberField("i", n);
                if (error != null) {
                    g.writeStringField("err", InputValues.failure(error));
                } else {
                    g.writeFieldName("v");
                    value.write(g, v);
                }
            }, () -> {
                if (error != null) {
                    answered.completeExceptionally(error instanceof CompletionException c && c.getCause() != null
                            ? c.getCause() : error);
                } else {
                    answered.complete(v);
                }
            })));
            return answered;
        }

        private <T> CompletionStage<T> call(Supplier<CompletionStage<T>> call, Value<T> value) {
            if (!stepping()) {
                return call.get();
            }
            int n = calls++;
            return answer(n, call.get(), value);
        }

        /** An upload, whose progress reaches the firmware as steps of their own as well as its answer. */
        private CompletionStage<Long> transfer(ProgressListener firmware, Function<ProgressListener, CompletionStage<Long>> upload) {
            if (!stepping()) {
                return upload.apply(firmware);
            }
            int n = calls++;
            return answer(n, upload.apply(progress(n, firmware)), JsonGenerator::writeNumber);
        }

        private ProgressListener progress(int n, ProgressListener firmware) {
            return (committed, total) -> inner.execute(() -> step("prog", g -> {
                g.writeNumberField("i", n);
                g.writeNumberField("c", committed);
                g.writeNumberField("n", total);
            }, () -> firmware.committed(committed, total)));
        }

        @Override
        public CompletionStage<TimeSample> time() {
            return call(link::time, InputValues::write);
        }

        @Override
        public CompletionStage<DeviceConfigResponse> config() {
            return call(link::config, InputValues::write);
        }

        @Override
        public CompletionStage<Long> upload(SegmentManifest segment, SegmentSource payload, ProgressListener progress) {
            return transfer(progress, heard -> link.upload(segment, payload, heard));
        }

        @Override
        public CompletionStage<Verification> verify(SegmentManifest segment) {
            return call(() -> link.verify(segment), InputValues::write);
        }

        @Override
        public CompletionStage<ProofVerdict> prove(SegmentManifest segment) {
            return call(() -> link.prove(segment), InputValues::write);
        }

        @Override
        public void interrupt(String reason) {
            link.interrupt(reason);
        }

        @Override
        public void disconnectIdle() {
            link.disconnectIdle();
        }

        @Override
        public CompletionStage<Long> uploadOverLte(SegmentManifest segment, SegmentSource payload, ProgressListener progress) {
            return transfer(progress, heard -> link.uploadOverLte(segment, payload, heard));
        }

        @Override
        public void cancelUpload(SegmentManifest segment) {
            link.cancelUpload(segment);
        }

        @Override
        public CompletionStage<byte[]> firmware(String path, long offset, int length) {
            return call(() -> link.firmware(path, offset, length), JsonGenerator::writeBinary);
        }
    }
}
