package io.bodycam.reports.html;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bodycam.record.files.Camera;
import io.bodycam.record.files.GpsTracks;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * GPS tracks for the page's map, drawn from coordinates alone (no tile server): each camera's track
 * thinned evenly to a share of {@value #MAX_POINTS} points in all (at least {@value #MIN_PER_TRACK} a
 * camera), coloured by fleet group, with the bounding box.
 */
final class MapDigest {

    static final int MAX_POINTS = 60_000;
    static final int MIN_PER_TRACK = 12;

    private MapDigest() {
    }

    static ObjectNode of(Map<String, GpsTracks.Track> tracks, List<Camera> roster) {
        Map<String, String> groupOf = new HashMap<>();
        List<String> groups = new ArrayList<>();
        for (Camera c : roster) {
            groupOf.put(c.deviceId(), c.group());
            if (!groups.contains(c.group())) {
                groups.add(c.group());
            }
        }
        ObjectNode m = Json.object();
        int budget = Math.max(MIN_PER_TRACK, MAX_POINTS / Math.max(1, tracks.size()));
        double minLat = Double.MAX_VALUE;
        double maxLat = -Double.MAX_VALUE;
        double minLon = Double.MAX_VALUE;
        double maxLon = -Double.MAX_VALUE;
        ArrayNode list = m.putArray("tracks");
        for (Map.Entry<String, GpsTracks.Track> e : tracks.entrySet()) {
            GpsTracks.Track t = e.getValue();
            String group = groupOf.getOrDefault(e.getKey(), "");
            if (!groups.contains(group)) {
                groups.add(group);
            }
            ObjectNode o = list.addObject();
            o.put("d", e.getKey());
            o.put("g", groups.indexOf(group));
            ArrayNode coords = o.putArray("c");
            double step = Math.max(1.0, (t.size() - 1) / (double) Math.max(1, budget - 1));
            for (double i = 0; Math.round(i) < t.size(); i += step) {
                int k = (int) Math.round(i);
                coords.addArray().add(Math.round(t.lon(k) * 1e5) / 1e5).add(Math.round(t.lat(k) * 1e5) / 1e5);
                minLat = Math.min(minLat, t.lat(k));
                maxLat = Math.max(maxLat, t.lat(k));
                minLon = Math.min(minLon, t.lon(k));
                maxLon = Math.max(maxLon, t.lon(k));
            }
            if (coords.size() == 1) {
                // a camera that reported once: ECharts' polyline needs two points (one alone breaks the chart)
                coords.add(coords.get(0).deepCopy());
            }
        }
        ArrayNode names = m.putArray("groups");
        groups.forEach(names::add);
        if (!tracks.isEmpty()) {
            ObjectNode b = m.putObject("bounds");
            b.put("minLat", minLat).put("maxLat", maxLat).put("minLon", minLon).put("maxLon", maxLon);
        }
        return m;
    }
}
