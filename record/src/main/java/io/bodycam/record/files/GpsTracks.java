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
 * The record's {@code gps.jsonl} read back as one track per camera (positions in the order the
 * observer received them). Read with a streaming parser: a fleet's tracks run to hundreds of thousands
 * of lines.
 */
public final class GpsTracks {

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
                    case "deviceId" -> device = p.getText();
                    case "lat" -> lat = p.getDoubleValue();
                    case "lon" -> lon = p.getDoubleValue();
                    case "fix" -> fix = p.getText();
                    default -> p.skipChildren();
                }
            }
        } catch (IOException | RuntimeException e) {
            return;
        }
        if (device != null && !Double.isNaN(lat) && !Double.isNaN(lon) && !"none".equals(fix)) {
            tracks.computeIfAbsent(device, d -> new Track()).add(lat, lon);
        }
    }
}
