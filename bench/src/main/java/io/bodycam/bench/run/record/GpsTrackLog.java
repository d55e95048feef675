package io.bodycam.bench.run.record;

import io.bodycam.bench.observer.DeviceView;
import io.bodycam.bench.observer.GpsReport;
import io.bodycam.record.files.GpsTracks;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The record's {@code gps.jsonl}: each camera's GPS reports as the backend's observer received them
 * (contract topic {@code gps}), one line per new report seen at a look; enough for a map of the
 * patrols. A camera that sent several reports between two looks contributes its latest.
 */
final class GpsTrackLog implements AutoCloseable {

    private final GpsTracks.Writer out;
    private final Map<String, Long> lastSeq = new HashMap<>();

    GpsTrackLog(Path file) throws IOException {
        this.out = new GpsTracks.Writer(file);
    }

    void look(List<DeviceView> devices) throws IOException {
        for (DeviceView d : devices) {
            if (d.gps().isEmpty()) {
                continue;
            }
            GpsReport g = d.gps().get();
            Long before = lastSeq.put(d.deviceId(), g.seq());
            if (before != null && before == g.seq()) {
                continue;
            }
            out.write(new GpsTracks.Point(d.deviceId(), g.ts(), g.lat(), g.lon(), g.fix(), g.speed()));
        }
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
