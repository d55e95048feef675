package io.bodycam.bench.run.record;

import io.bodycam.bench.observer.FleetObserver;
import io.bodycam.record.files.GpsTracks;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The record's {@code gps.jsonl}: each camera's GPS reports as the backend's observer received them
 * (contract topic {@code gps}), one line per new report seen at a look; enough for a map of the
 * patrols. A camera that sent several reports between two looks contributes its latest; a look writes its
 * new points in device id order.
 */
final class GpsTrackLog implements AutoCloseable {

    private final GpsTracks.Writer out;
    /** The seq of each camera's report written last. */
    private final Map<String, Long> written = new HashMap<>();

    GpsTrackLog(Path file) throws IOException {
        this.out = new GpsTracks.Writer(file);
    }

    /** Writes the reports {@code observer} received since the last look. */
    void look(FleetObserver observer) throws IOException {
        List<GpsTracks.Point> fresh = new ArrayList<>();
        observer.forEachGps((deviceId, g) -> {
            Long before = written.get(deviceId);
            if (before == null || before != g.seq()) {
                written.put(deviceId, g.seq());
                fresh.add(new GpsTracks.Point(deviceId, g.ts(), g.lat(), g.lon(), g.fix(), g.speed()));
            }
        });
        fresh.sort(Comparator.comparing(GpsTracks.Point::deviceId));
        for (GpsTracks.Point p : fresh) {
            out.write(p);
        }
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
