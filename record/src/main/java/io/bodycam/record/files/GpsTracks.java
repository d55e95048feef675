package io.bodycam.record.files;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.bodycam.record.RecordException;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The record's {@code gps.jsonl}: the GPS reports the backend's observer received, one {@link Point} a
 * line, written as the run goes ({@link Writer}) and read back as one track per camera (positions in the
 * order received). Read with a streaming parser: a fleet's tracks run to hundreds of thousands of lines.
 */
public final class GpsTracks {

    private static final String DEVICE_ID = "deviceId";
    private static final String T = "t";
    private static final String LAT = "lat";
    private static final String LON = "lon";
    private static final String FIX = "fix";
    private static final String SPEED = "speed";
    /** The fix of a report without a position. */
    private static final String NO_FIX = "none";

    /**
     * One GPS report as received.
     *
     * @param t     the camera's epoch milliseconds of the fix
     * @param fix   the fix kind as the contract names it ({@code 3d}, {@code none}, ...)
     * @param speed metres per second
     */
    public record Point(String deviceId, long t, double lat, double lon, String fix, double speed) {
    }

    /** Appends points a line each; positions are kept to six decimals (about 0.1 m), speeds to one. */
    public static final class Writer implements AutoCloseable {
        private final JsonLinesWriter out;

        public Writer(Path file) throws IOException {
            this.out = new JsonLinesWriter(file);
        }

        public void write(Point p) throws IOException {
            out.line(j -> {
                j.writeStringField(DEVICE_ID, p.deviceId());
                j.writeNumberField(T, p.t());
                j.writeNumberField(LAT, round(p.lat()));
                j.writeNumberField(LON, round(p.lon()));
                j.writeStringField(FIX, p.fix());
                j.writeNumberField(SPEED, Math.round(p.speed() * 10) / 10.0);
            });
        }

        private static double round(double degrees) {
            return Math.round(degrees * 1e6) / 1e6;
        }

        /** Hands what was written to the file. */
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }

    /** One camera's positions: {@code lat[i]}, {@code lon[i]} for i below {@code size}. */
    public static final class Track {
        private double[] lat = new double[16];
        private double[] lon = new double[16];
        private int size;

        void add(double la, double lo) {
            if (size == lat.length) {
                lat = Arrays.copyOf(lat, size * 2);
                lon = Arrays.copyOf(lon, size * 2);
            }
            lat[size] = la;
            lon[size] = lo;
            size++;
        }

        public int size() {
            return size;
        }

        public double lat(int i) {
            return lat[i];
        }

        public double lon(int i) {
            return lon[i];
        }
    }

    private static final JsonFactory FACTORY = new JsonFactory();

    private GpsTracks() {
    }

    /** Tracks by device id, in the order cameras first reported. Positions without a fix are left out. */
    public static Map<String, Track> read(Path file) {
        Map<String, Track> tracks = new LinkedHashMap<>();
        if (!Files.isRegularFile(file)) {
            return tracks;
        }
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                point(line, tracks);
            }
        } catch (IOException e) {
            throw new RecordException("cannot read " + file + ": " + e.getMessage());
        }
        return tracks;
    }

    private static void point(String line, Map<String, Track> tracks) {
        String device = null;
        String fix = "";
        double lat = Double.NaN;
        double lon = Double.NaN;
        try (JsonParser p = FACTORY.createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                switch (name) {
                    case DEVICE_ID -> device = p.getText();
                    case LAT -> lat = p.getDoubleValue();
                    case LON -> lon = p.getDoubleValue();
                    case FIX -> fix = p.getText();
                    default -> p.skipChildren();
                }
            }
        } catch (IOException | RuntimeException e) {
            return;
        }
        if (device != null && !Double.isNaN(lat) && !Double.isNaN(lon) && !NO_FIX.equals(fix)) {
            tracks.computeIfAbsent(device, d -> new Track()).add(lat, lon);
        }
    }
}
