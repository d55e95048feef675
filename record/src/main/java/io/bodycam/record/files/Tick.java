package io.bodycam.record.files;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One line of {@code timeseries.jsonl}: the fleet at one look (about one wall second apart), what
 * happened since the previous look, and counts since the start.
 *
 * @param wallMs     wall milliseconds since recording started
 * @param virtualMs  virtual milliseconds since the run started
 * @param intervalMs wall milliseconds since the previous line
 * @param modes      cameras per firmware mode, in the order written
 * @param mqtt       messages received since the previous line, per topic kind, in the order written
 * @param totals     counts since the start by {@link Total#key()}, in the order written
 */
public record Tick(long wallMs, long virtualMs, long intervalMs, int online, int recording, int uploading,
                   Map<String, Integer> modes, Map<String, Long> mqtt, long uploadBytes, long uploadsCompleted,
                   long uploadsFailed, Map<String, Long> totals) {

    /** The counts since the start a time series line keeps, in the order written. */
    public enum Total {
        RECEIVED("received"), SEGMENTS("segments"), RECORDINGS("recordings"), UPLOADS_COMPLETED("uploadsCompleted"),
        UPLOADS_FAILED("uploadsFailed"), UPLOAD_BYTES("uploadBytes"), ERRORS("errors"), COMMANDS_SENT("commandsSent"),
        COMMANDS_ACKED("commandsAcked"), COMMANDS_FAILED("commandsFailed");

        private final String key;

        Total(String key) {
            this.key = key;
        }

        /** Its name in {@code totals}. */
        public String key() {
            return key;
        }
    }

    public Tick {
        modes = ordered(modes);
        mqtt = ordered(mqtt);
        totals = ordered(totals);
    }

    private static <V> Map<String, V> ordered(Map<String, V> map) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    public long total(String name) {
        return totals.getOrDefault(name, 0L);
    }

    public long total(Total total) {
        return total(total.key());
    }
}
