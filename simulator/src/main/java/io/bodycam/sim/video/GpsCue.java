package io.bodycam.sim.video;

import io.bodycam.sim.gps.GpsFix;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;

/**
 * One second of a segment's GPS track, as its timed text cue reads: readable in any player that shows
 * subtitles, and parsed back exactly ({@link #parse}). Values are rounded as the cue prints them
 * (latitude and longitude to 1e-6 degree, about 0.1 m; the rest to a tenth), so a cue equals what it
 * was made from once {@link #of} has rounded the fix.
 *
 * <pre>SMK-01 | 2027-01-04T12:00:01Z | 39.091100, -94.415500 | alt 285.2 m | 4.3 m/s | hdg 271.0 | hdop 0.9 | 8 sats | fix</pre>
 *
 * @param time virtual epoch milliseconds of the fix
 */
public record GpsCue(String deviceId, long time, double lat, double lon, double alt, double speed, double heading,
                     double hdop, int satellites, boolean fix) {

    private static final String SEP = " | ";

    public GpsCue {
        Objects.requireNonNull(deviceId, "deviceId");
        if (deviceId.contains("|")) {
            throw new IllegalArgumentException("device id must not contain '|', was '" + deviceId + "'");
        }
    }

    /** The cue for {@code fix}, rounded as it will read back. */
    public static GpsCue of(String deviceId, GpsFix fix) {
        return new GpsCue(deviceId, fix.time(), round(fix.lat(), 1e6), round(fix.lon(), 1e6), round(fix.alt(), 10),
                round(fix.speed(), 10), round(fix.heading(), 10), round(fix.hdop(), 10), fix.satellites(), fix.fix());
    }

    /** The cue's text. */
    public String text() {
        return deviceId + SEP + Instant.ofEpochMilli(time) + SEP
                + String.format(Locale.ROOT, "%.6f, %.6f", lat, lon) + SEP
                + String.format(Locale.ROOT, "alt %.1f m", alt) + SEP
                + String.format(Locale.ROOT, "%.1f m/s", speed) + SEP
                + String.format(Locale.ROOT, "hdg %.1f", heading) + SEP
                + String.format(Locale.ROOT, "hdop %.1f", hdop) + SEP
                + satellites + " sats" + SEP + (fix ? "fix" : "no fix");
    }

    /** Reads a cue's text back; an exception says what does not fit. */
    public static GpsCue parse(String text) {
        String[] p = text.split(" \\| ");
        if (p.length != 9) {
            throw new IllegalArgumentException("a GPS cue has 9 fields separated by ' | ', found " + p.length + ": '" + text + "'");
        }
        try {
            String[] latLon = p[2].split(", ");
            return new GpsCue(p[0], Instant.parse(p[1]).toEpochMilli(), Double.parseDouble(latLon[0]),
                    Double.parseDouble(latLon[1]), number(p[3], "alt ", " m"), number(p[4], "", " m/s"),
                    number(p[5], "hdg ", ""), number(p[6], "hdop ", ""), (int) number(p[7], "", " sats"),
                    switch (p[8]) {
                        case "fix" -> true;
                        case "no fix" -> false;
                        default -> throw new IllegalArgumentException("fix must be 'fix' or 'no fix', was '" + p[8] + "'");
                    });
        } catch (NumberFormatException | DateTimeParseException | ArrayIndexOutOfBoundsException e) {
            throw new IllegalArgumentException("not a GPS cue: '" + text + "': " + e.getMessage(), e);
        }
    }

    private static double number(String field, String prefix, String suffix) {
        if (!field.startsWith(prefix) || !field.endsWith(suffix)) {
            throw new NumberFormatException("expected '" + prefix + "N" + suffix + "', found '" + field + "'");
        }
        return Double.parseDouble(field.substring(prefix.length(), field.length() - suffix.length()));
    }

    private static double round(double v, double scale) {
        return Math.round(v * scale) / scale;
    }
}
