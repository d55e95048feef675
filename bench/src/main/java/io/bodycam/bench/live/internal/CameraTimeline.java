package io.bodycam.bench.live.internal;

import io.bodycam.sim.state.DockPhase;
import io.bodycam.sim.state.Mode;

import java.util.Arrays;

/**
 * One camera's history in a run record: its events (time, kind, argument, line offset in
 * {@code events.jsonl}), the state changes rebuilt from them, and its GPS reports. Built while the
 * record is read, then {@link #seal sealed}; read-only afterwards.
 *
 * <p>The state comes from the events: the mode from {@code mode} events, online from
 * {@code link.up}/{@code link.down}, and in the dock the phase from what the dock session did: time sync
 * until {@code time.synced}, uploading until the session's last upload step, firmware while it
 * downloads and applies, idle otherwise.
 */
public final class CameraTimeline {

    private static final EventKind[] KINDS = EventKind.values();

    private long[] eventT = new long[8];
    private long[] eventOffset = new long[8];
    /** {@link EventKind} ordinals: a byte an event, for records of millions of events. */
    private byte[] eventKind = new byte[8];
    private int[] eventArg = new int[8];
    private int events;

    private long[] gpsT = new long[8];
    private double[] lat = new double[8];
    private double[] lon = new double[8];
    private int fixes;

    private long[] changeT;
    private int[] changeCode;

    void event(long t, long offset, EventKind kind, int arg) {
        if (events == eventT.length) {
            int n = events * 2;
            eventT = Arrays.copyOf(eventT, n);
            eventOffset = Arrays.copyOf(eventOffset, n);
            eventKind = Arrays.copyOf(eventKind, n);
            eventArg = Arrays.copyOf(eventArg, n);
        }
        eventT[events] = t;
        eventOffset[events] = offset;
        eventKind[events] = (byte) kind.ordinal();
        eventArg[events] = arg;
        events++;
    }

    void fix(long t, double la, double lo) {
        if (fixes == gpsT.length) {
            int n = fixes * 2;
            gpsT = Arrays.copyOf(gpsT, n);
            lat = Arrays.copyOf(lat, n);
            lon = Arrays.copyOf(lon, n);
        }
        gpsT[fixes] = t;
        lat[fixes] = la;
        lon[fixes] = lo;
        fixes++;
    }

    /** Puts events and fixes in time order and rebuilds the state changes. */
    void seal() {
        sortEvents();
        sortFixes();
        rebuild();
    }

    /** The state at virtual time {@code t} as a {@link StatusCode} without colour bits. */
    public int codeAt(long t) {
        int i = floor(changeT, changeT.length, t);
        return i < 0 ? StatusCode.pack(Mode.OFF, null, false, false) : changeCode[i];
    }

    /**
     * The last position reported at or before {@code t}; before the first report, the first one (the
     * camera was somewhere near it), so that a camera that reports rarely is on the map from the start.
     * Empty (NaN) when the camera never reported a position.
     */
    public double[] positionAt(long t) {
        if (fixes == 0) {
            return new double[] {Double.NaN, Double.NaN};
        }
        int i = Math.max(0, floor(gpsT, fixes, t));
        return new double[] {lat[i], lon[i]};
    }

    /** Line offsets of the last {@code n} events at or before {@code t}, oldest first. */
    public long[] lastEventOffsets(long t, int n) {
        int end = floor(eventT, events, t) + 1;
        int from = Math.max(0, end - n);
        return Arrays.copyOfRange(eventOffset, from, end);
    }

    private void rebuild() {
        long[] ct = new long[events + 1];
        int[] cc = new int[events + 1];
        int changes = 0;
        Mode mode = Mode.OFF;
        DockPhase phase = null;
        boolean online = false;
        int lastUploadStep = -1;
        for (int i = 0; i < events; i++) {
            switch (KINDS[eventKind[i]]) {
                case MODE -> {
                    mode = Mode.values()[eventArg[i]];
                    phase = null;
                    if (mode == Mode.DOCKED) {
                        phase = DockPhase.TIME_SYNC;
                        lastUploadStep = lastUploadStepOfSession(i);
                    }
                }
                case LINK_UP -> online = true;
                case LINK_DOWN -> online = false;
                case TIME_SYNCED -> {
                    if (mode == Mode.DOCKED) {
                        phase = lastUploadStep > i ? DockPhase.UPLOADING : DockPhase.IDLE;
                    }
                }
                case UPLOAD_STEP -> {
                    if (mode == Mode.DOCKED) {
                        phase = i >= lastUploadStep ? DockPhase.IDLE : DockPhase.UPLOADING;
                    }
                }
                case FIRMWARE_DOWNLOADING -> {
                    if (mode == Mode.DOCKED) {
                        phase = DockPhase.FIRMWARE_DOWNLOADING;
                    }
                }
                case FIRMWARE_DOWNLOADED -> {
                    if (mode == Mode.DOCKED) {
                        phase = DockPhase.FIRMWARE_APPLYING;
                    }
                }
                default -> {
                    continue;
                }
            }
            boolean uploading = mode == Mode.PRIORITY_UPLOAD || phase == DockPhase.UPLOADING;
            int code = StatusCode.pack(mode, phase, online, uploading);
            if (changes > 0 && ct[changes - 1] == eventT[i]) {
                changes--;
            }
            if (changes == 0 || cc[changes - 1] != code) {
                ct[changes] = eventT[i];
                cc[changes] = code;
                changes++;
            }
        }
        changeT = Arrays.copyOf(ct, changes);
        changeCode = Arrays.copyOf(cc, changes);
    }

    /** The index of the last upload step before the dock session starting at {@code docked} ends, or -1. */
    private int lastUploadStepOfSession(int docked) {
        int last = -1;
        for (int j = docked + 1; j < events && KINDS[eventKind[j]] != EventKind.MODE; j++) {
            if (KINDS[eventKind[j]] == EventKind.UPLOAD_STEP) {
                last = j;
            }
        }
        return last;
    }

    private void sortEvents() {
        Integer[] order = new Integer[events];
        for (int i = 0; i < events; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Long.compare(eventT[a], eventT[b]));
        long[] t = new long[events];
        long[] off = new long[events];
        byte[] k = new byte[events];
        int[] arg = new int[events];
        for (int i = 0; i < events; i++) {
            t[i] = eventT[order[i]];
            off[i] = eventOffset[order[i]];
            k[i] = eventKind[order[i]];
            arg[i] = eventArg[order[i]];
        }
        eventT = t;
        eventOffset = off;
        eventKind = k;
        eventArg = arg;
    }

    private void sortFixes() {
        Integer[] order = new Integer[fixes];
        for (int i = 0; i < fixes; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Long.compare(gpsT[a], gpsT[b]));
        long[] t = new long[fixes];
        double[] la = new double[fixes];
        double[] lo = new double[fixes];
        for (int i = 0; i < fixes; i++) {
            t[i] = gpsT[order[i]];
            la[i] = lat[order[i]];
            lo[i] = lon[order[i]];
        }
        gpsT = t;
        lat = la;
        lon = lo;
    }

    /** The index of the last element of {@code times[0..n)} at or before {@code t}, or -1. */
    private static int floor(long[] times, int n, long t) {
        int lo = 0;
        int hi = n - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (times[mid] <= t) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found;
    }
}
