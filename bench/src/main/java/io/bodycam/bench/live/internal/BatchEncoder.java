package io.bodycam.bench.live.internal;

import io.bodycam.bench.live.CameraState;
import io.bodycam.bench.live.RosterEntry;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns camera states into the Server-Sent Events the page reads, keeping a mirror of what every
 * subscriber has been sent so that a batch carries only what a subscriber would see change: a status
 * code (see {@link StatusCode}) or a position moved by at least 1e-5 degrees (about a metre).
 *
 * <p>Cameras are numbered in roster order. A batch is {@code event: batch} with
 * {@code {"seq":n,"s":[gap,status,...],"p":[gap,dLat,dLon,...],"a":[gap,lat,lon,...]}}: {@code gap} is
 * the camera's number minus the previous one's in the same array (the first counted from -1);
 * positions are integers of 1e-5 degrees, in {@code p} relative to the camera's previous one, in
 * {@code a} absolute (a camera's first position). A full frame ({@code "full":1}, for a new or lagging
 * subscriber) has every status in order in {@code s}, {@code a} for every located camera and no
 * {@code p}. Not thread-safe: one pump owns it.
 */
public final class BatchEncoder {

    /** Positions travel as integers of this many degrees. */
    public static final double DEGREES_PER_UNIT = 1e-5;

    private final Map<String, Integer> index = new HashMap<>();
    private final int[] status;
    private final int[] lat;
    private final int[] lon;
    private final boolean[] located;
    /** Scratch: the state each camera number takes in the batch being built. */
    private final CameraState[] incoming;
    private long seq;

    public BatchEncoder(List<RosterEntry> roster) {
        int n = roster.size();
        for (int i = 0; i < n; i++) {
            index.put(roster.get(i).deviceId(), i);
        }
        status = new int[n];
        lat = new int[n];
        lon = new int[n];
        located = new boolean[n];
        incoming = new CameraState[n];
        Arrays.fill(status, StatusCode.of(CameraState.off("-")));
    }

    /**
     * Takes in the changed cameras (later entries for the same camera win) and returns the batch event
     * for them, or null when nothing a subscriber sees changed. Cameras not in the roster are ignored.
     */
    public byte[] delta(List<CameraState> changed) {
        int[] order = new int[changed.size()];
        int n = 0;
        for (CameraState s : changed) {
            Integer i = index.get(s.deviceId());
            if (i != null) {
                if (incoming[i] == null) {
                    order[n++] = i;
                }
                incoming[i] = s;
            }
        }
        Arrays.sort(order, 0, n);
        GapList st = new GapList();
        GapList rel = new GapList();
        GapList abs = new GapList();
        for (int k = 0; k < n; k++) {
            int i = order[k];
            CameraState s = incoming[i];
            incoming[i] = null;
            int code = StatusCode.of(s);
            if (code != status[i]) {
                st.add(i, code);
                status[i] = code;
            }
            if (!s.located()) {
                continue;
            }
            int la = units(s.lat());
            int lo = units(s.lon());
            if (!located[i]) {
                abs.add(i, la, lo);
            } else if (la != lat[i] || lo != lon[i]) {
                rel.add(i, la - lat[i], lo - lon[i]);
            } else {
                continue;
            }
            located[i] = true;
            lat[i] = la;
            lon[i] = lo;
        }
        if (st.empty() && rel.empty() && abs.empty()) {
            return null;
        }
        return event("{\"seq\":" + ++seq + ",\"s\":[" + st + "],\"p\":[" + rel + "],\"a\":[" + abs + "]}");
    }

    /** Every camera as the mirror holds it, for a subscriber that has nothing (or lagged behind). */
    public byte[] full() {
        StringBuilder st = new StringBuilder(status.length * 5);
        GapList abs = new GapList();
        for (int i = 0; i < status.length; i++) {
            if (i > 0) {
                st.append(',');
            }
            st.append(status[i]);
            if (located[i]) {
                abs.add(i, lat[i], lon[i]);
            }
        }
        return event("{\"seq\":" + seq + ",\"full\":1,\"s\":[" + st + "],\"a\":[" + abs + "]}");
    }

    private static int units(double degrees) {
        return (int) Math.round(degrees / DEGREES_PER_UNIT);
    }

    private static byte[] event(String json) {
        return ("event: batch\ndata: " + json + "\n\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** A JSON number list where each entry starts with its camera's gap from the previous entry's. */
    private static final class GapList {
        private final StringBuilder b = new StringBuilder();
        private int last = -1;

        void add(int camera, int... values) {
            if (b.length() > 0) {
                b.append(',');
            }
            b.append(camera - last);
            last = camera;
            for (int v : values) {
                b.append(',').append(v);
            }
        }

        boolean empty() {
            return b.length() == 0;
        }

        @Override
        public String toString() {
            return b.toString();
        }
    }
}
