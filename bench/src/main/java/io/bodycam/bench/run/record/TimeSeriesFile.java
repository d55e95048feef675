package io.bodycam.bench.run.record;

import io.bodycam.bench.backend.observer.FleetStats;
import io.bodycam.bench.backend.observer.TopicKind;
import io.bodycam.sim.camera.Mode;

import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/**
 * The record's {@code timeseries.jsonl}: one line per look (about one wall second). Rates are what
 * happened since the previous line ({@code mqtt}, {@code upload}); {@code totals} are counts since the
 * start; the rest is the fleet at that moment. The format is documented in {@code reports/README.md}.
 */
final class TimeSeriesFile implements AutoCloseable {

    /** Counts since the start that the time series reads besides the look and the observer. */
    record Totals(long uploadBytes, long uploadsCompleted, long uploadsFailed, long segments, long recordings, long errors,
                  long commandsSent, long commandsAcked, long commandsFailed) {
    }

    private final JsonLines out;
    private final Map<TopicKind, Long> lastReceived = new EnumMap<>(TopicKind.class);
    private long lastWallMs;
    private Totals last = new Totals(0, 0, 0, 0, 0, 0, 0, 0, 0);

    TimeSeriesFile(Path file) throws IOException {
        this.out = new JsonLines(file);
    }

    void write(FleetLook look, FleetStats stats, Totals totals) throws IOException {
        Totals before = last;
        long interval = look.wallMs() - lastWallMs;
        out.line(g -> {
            g.writeNumberField("wallMs", look.wallMs());
            g.writeNumberField("virtualMs", look.virtualMs());
            g.writeNumberField("intervalMs", interval);
            g.writeNumberField("online", look.online());
            g.writeNumberField("recording", look.recording());
            g.writeNumberField("uploading", look.uploading());
            g.writeObjectFieldStart("modes");
            for (Mode m : Mode.values()) {
                g.writeNumberField(m.name(), look.modes().getOrDefault(m, 0));
            }
            g.writeEndObject();
            g.writeObjectFieldStart("mqtt");
            for (TopicKind k : TopicKind.values()) {
                long now = stats.received(k);
                g.writeNumberField(RunRecorder.name(k), now - lastReceived.getOrDefault(k, 0L));
                lastReceived.put(k, now);
            }
            g.writeEndObject();
            g.writeObjectFieldStart("upload");
            g.writeNumberField("bytes", totals.uploadBytes() - before.uploadBytes());
            g.writeNumberField("completed", totals.uploadsCompleted() - before.uploadsCompleted());
            g.writeNumberField("failed", totals.uploadsFailed() - before.uploadsFailed());
            g.writeEndObject();
            g.writeObjectFieldStart("totals");
            g.writeNumberField("received", stats.receivedTotal());
            g.writeNumberField("segments", totals.segments());
            g.writeNumberField("recordings", totals.recordings());
            g.writeNumberField("uploadsCompleted", totals.uploadsCompleted());
            g.writeNumberField("uploadsFailed", totals.uploadsFailed());
            g.writeNumberField("uploadBytes", totals.uploadBytes());
            g.writeNumberField("errors", totals.errors());
            g.writeNumberField("commandsSent", totals.commandsSent());
            g.writeNumberField("commandsAcked", totals.commandsAcked());
            g.writeNumberField("commandsFailed", totals.commandsFailed());
            g.writeEndObject();
        });
        out.flush();
        last = totals;
        lastWallMs = look.wallMs();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
