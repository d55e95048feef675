package io.bodycam.bench.run.record;

import io.bodycam.bench.observer.FleetStats;
import io.bodycam.bench.observer.TopicKind;
import io.bodycam.record.files.Tick;
import io.bodycam.record.files.TimeSeries;
import io.bodycam.sim.state.Mode;

import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The record's {@code timeseries.jsonl}: one {@link Tick} per look (about one wall second). Rates are
 * what happened since the previous line ({@code mqtt}, {@code upload}); {@code totals} are counts since
 * the start; the rest is the fleet at that moment. The record module writes the lines; this class turns
 * the observer's and the cameras' counters into them.
 */
final class TimeSeriesFile implements AutoCloseable {

    /** Counts since the start that the time series reads besides the look and the observer. */
    record Totals(long uploadBytes, long uploadsCompleted, long uploadsFailed, long segments, long recordings, long errors,
                  long commandsSent, long commandsAcked, long commandsFailed) {
    }

    private final TimeSeries.Writer out;
    private final Map<TopicKind, Long> lastReceived = new EnumMap<>(TopicKind.class);
    private long lastWallMs;
    private Totals last = new Totals(0, 0, 0, 0, 0, 0, 0, 0, 0);

    TimeSeriesFile(Path file) throws IOException {
        this.out = new TimeSeries.Writer(file);
    }

    void write(FleetLook look, FleetStats stats, Totals totals) throws IOException {
        Map<String, Integer> modes = new LinkedHashMap<>();
        for (Mode m : Mode.values()) {
            modes.put(m.name(), look.modes().getOrDefault(m, 0));
        }
        Map<String, Long> mqtt = new LinkedHashMap<>();
        for (TopicKind k : TopicKind.values()) {
            long now = stats.received(k);
            mqtt.put(RunRecorder.name(k), now - lastReceived.getOrDefault(k, 0L));
            lastReceived.put(k, now);
        }
        Map<String, Long> sums = new LinkedHashMap<>();
        sums.put(Tick.Total.RECEIVED.key(), stats.receivedTotal());
        sums.put(Tick.Total.SEGMENTS.key(), totals.segments());
        sums.put(Tick.Total.RECORDINGS.key(), totals.recordings());
        sums.put(Tick.Total.UPLOADS_COMPLETED.key(), totals.uploadsCompleted());
        sums.put(Tick.Total.UPLOADS_FAILED.key(), totals.uploadsFailed());
        sums.put(Tick.Total.UPLOAD_BYTES.key(), totals.uploadBytes());
        sums.put(Tick.Total.ERRORS.key(), totals.errors());
        sums.put(Tick.Total.COMMANDS_SENT.key(), totals.commandsSent());
        sums.put(Tick.Total.COMMANDS_ACKED.key(), totals.commandsAcked());
        sums.put(Tick.Total.COMMANDS_FAILED.key(), totals.commandsFailed());
        out.write(new Tick(look.wallMs(), look.virtualMs(), look.wallMs() - lastWallMs, look.online(), look.recording(),
                look.uploading(), modes, mqtt, totals.uploadBytes() - last.uploadBytes(),
                totals.uploadsCompleted() - last.uploadsCompleted(), totals.uploadsFailed() - last.uploadsFailed(), sums));
        last = totals;
        lastWallMs = look.wallMs();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
