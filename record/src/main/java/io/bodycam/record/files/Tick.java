package io.bodycam.record.files;

import java.util.Map;

/**
 * One line of {@code timeseries.jsonl}: the fleet at one look (about one wall second apart), what
 * happened since the previous look, and counts since the start.
 *
 * @param wallMs     wall milliseconds since recording started
 * @param virtualMs  virtual milliseconds since the run started
 * @param intervalMs wall milliseconds since the previous line
 * @param modes      cameras per firmware mode
 * @param mqtt       messages received since the previous line, per topic kind
 * @param totals     counts since the start ({@code received}, {@code segments}, {@code errors},
 *                   {@code commandsSent}, ...)
 */
public record Tick(long wallMs, long virtualMs, long intervalMs, int online, int recording, int uploading,
                   Map<String, Integer> modes, Map<String, Long> mqtt, long uploadBytes, long uploadsCompleted,
                   long uploadsFailed, Map<String, Long> totals) {

    public Tick {
        modes = Map.copyOf(modes);
        mqtt = Map.copyOf(mqtt);
        totals = Map.copyOf(totals);
    }

    public long total(String name) {
        return totals.getOrDefault(name, 0L);
    }
}
