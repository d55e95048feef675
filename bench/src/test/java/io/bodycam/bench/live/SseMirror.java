package io.bodycam.bench.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bodycam.bench.live.internal.StatusCode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;

/** What a subscriber of the event stream knows, rebuilt from batch events as the page does (live.js, Model.apply). */
final class SseMirror {

    private static final ObjectMapper JSON = new ObjectMapper();

    final int[] status;
    final int[] lat;
    final int[] lon;
    final boolean[] located;
    int batches;
    int fullFrames;

    SseMirror(int cameras) {
        status = new int[cameras];
        lat = new int[cameras];
        lon = new int[cameras];
        located = new boolean[cameras];
    }

    /** Applies one event's {@code data} (a batch). */
    void apply(String data) {
        JsonNode b;
        try {
            b = JSON.readTree(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        batches++;
        JsonNode s = b.path("s");
        if (b.has("full")) {
            fullFrames++;
            if (s.size() != status.length) {
                throw new IllegalStateException("a full frame has " + s.size() + " statuses for " + status.length + " cameras");
            }
            for (int i = 0; i < s.size(); i++) {
                status[i] = s.get(i).asInt();
            }
            Arrays.fill(located, false);
        } else {
            int idx = -1;
            for (int k = 0; k < s.size(); k += 2) {
                idx += s.get(k).asInt();
                status[idx] = s.get(k + 1).asInt();
            }
        }
        JsonNode p = b.path("p");
        int idx = -1;
        for (int k = 0; k < p.size(); k += 3) {
            idx += p.get(k).asInt();
            if (!located[idx]) {
                throw new IllegalStateException("a relative move for camera " + idx + " that has no position yet");
            }
            lat[idx] += p.get(k + 1).asInt();
            lon[idx] += p.get(k + 2).asInt();
        }
        JsonNode a = b.path("a");
        idx = -1;
        for (int k = 0; k < a.size(); k += 3) {
            idx += a.get(k).asInt();
            lat[idx] = a.get(k + 1).asInt();
            lon[idx] = a.get(k + 2).asInt();
            located[idx] = true;
        }
    }

    /** Null when the mirror shows {@code states} (in roster order) as the wire can, else the first difference. */
    String differenceFrom(List<CameraState> states) {
        for (int i = 0; i < states.size(); i++) {
            CameraState s = states.get(i);
            int code = StatusCode.of(s);
            if (status[i] != code) {
                return s.deviceId() + ": status " + status[i] + ", expected " + code + " (" + s + ")";
            }
            if (s.located() != located[i]) {
                return s.deviceId() + ": located " + located[i] + ", expected " + s.located();
            }
            if (s.located() && (lat[i] != Math.round(s.lat() / 1e-5) || lon[i] != Math.round(s.lon() / 1e-5))) {
                return s.deviceId() + ": at " + lat[i] + "," + lon[i] + " expected " + s.lat() + "," + s.lon();
            }
        }
        return null;
    }
}
