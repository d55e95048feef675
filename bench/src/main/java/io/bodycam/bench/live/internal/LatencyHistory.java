package io.bodycam.bench.live.internal;

import io.bodycam.bench.live.FleetCounters;
import io.bodycam.record.files.LatencyKind;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;

import java.io.FileNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The record's latency logs ({@code latency/<kind>.hlog}) as percentiles so far: after each interval,
 * the percentiles of every value up to its end, placed on the virtual time line. What a live run's
 * dashboard would have shown at that moment.
 */
public final class LatencyHistory {

    private record Track(long[] t, double[][] pct) {
    }

    private final Map<String, Track> tracks;

    private LatencyHistory(Map<String, Track> tracks) {
        this.tracks = tracks;
    }

    public static LatencyHistory read(Path runDir, VirtualAxis axis) {
        Map<String, Track> tracks = new LinkedHashMap<>();
        for (LatencyKind k : LatencyKind.values()) {
            Path file = runDir.resolve(k.file());
            if (Files.isRegularFile(file)) {
                Track track = track(file, k, axis);
                if (track.t().length > 0) {
                    tracks.put(k.id(), track);
                }
            }
        }
        return new LatencyHistory(tracks);
    }

    /** Each kind's percentiles over the values logged up to {@code t}; kinds with none yet are absent. */
    public Map<String, FleetCounters.Latency> at(long t) {
        Map<String, FleetCounters.Latency> m = new LinkedHashMap<>();
        tracks.forEach((kind, track) -> {
            int i = Arrays.binarySearch(track.t(), t);
            int at = i >= 0 ? i : -i - 2;
            if (at >= 0) {
                double[] p = track.pct()[at];
                m.put(kind, new FleetCounters.Latency(p[0], p[1], p[2], p[3]));
            }
        });
        return m;
    }

    private static Track track(Path file, LatencyKind kind, VirtualAxis axis) {
        long[] t = new long[64];
        double[][] pct = new double[64][];
        int n = 0;
        Histogram sum = new Histogram(3);
        try {
            HistogramLogReader reader = new HistogramLogReader(file.toFile());
            try {
                EncodableHistogram next;
                while ((next = reader.nextIntervalHistogram()) != null) {
                    if (!(next instanceof Histogram h) || h.getTotalCount() == 0) {
                        continue;
                    }
                    sum.add(h);
                    long wallMs = h.getEndTimeStamp() - (long) (reader.getStartTimeSec() * 1000);
                    if (n == t.length) {
                        t = Arrays.copyOf(t, n * 2);
                        pct = Arrays.copyOf(pct, n * 2);
                    }
                    t[n] = axis.at(Math.max(0, wallMs));
                    pct[n] = new double[] {kind.unit().millis(sum.getValueAtPercentile(50)),
                            kind.unit().millis(sum.getValueAtPercentile(90)), kind.unit().millis(sum.getValueAtPercentile(99)),
                            kind.unit().millis(sum.getMaxValue())};
                    n++;
                }
            } finally {
                reader.close();
            }
        } catch (FileNotFoundException | RuntimeException e) {
            // a log cut short (a killed run) keeps the intervals read so far
        }
        return sorted(Arrays.copyOf(t, n), Arrays.copyOf(pct, n));
    }

    /** Interval ends are in order in a log; a merged log may repeat a time, which binary search tolerates. */
    private static Track sorted(long[] t, double[][] pct) {
        for (int i = 1; i < t.length; i++) {
            if (t[i] < t[i - 1]) {
                t[i] = t[i - 1];
            }
        }
        return new Track(t, pct);
    }
}
