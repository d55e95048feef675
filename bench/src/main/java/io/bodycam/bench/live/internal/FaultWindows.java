package io.bodycam.bench.live.internal;

import io.bodycam.bench.live.FleetCounters;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The faults of a recorded run as time windows: the timeline's faults (from the scenario) over their
 * length, and the faults cameras noted ({@code fault.*}, {@code lte.outage}) over their duration, or
 * for a minute when they are a single blow (a power cut). At a moment, the cameras hit by the same
 * kind of fault are one entry.
 */
public final class FaultWindows {

    /** How long a fault without a length shows as active, in virtual milliseconds. */
    static final long BLOW_MILLIS = 60_000;

    private record Window(String kind, String target, String detail, long from, long until, boolean camera) {
    }

    private final List<Window> windows = new ArrayList<>();

    /** A timeline fault; {@code lengthMs} 0 for a single blow. */
    public void timeline(String kind, String target, String detail, long from, long lengthMs) {
        windows.add(new Window(kind, target, detail, from, from + (lengthMs > 0 ? lengthMs : BLOW_MILLIS), false));
    }

    /** A fault one camera noted; {@code lengthMs} 0 for a single blow. */
    public void camera(String kind, String deviceId, String detail, long from, long lengthMs) {
        windows.add(new Window(kind, deviceId, detail, from, from + (lengthMs > 0 ? lengthMs : BLOW_MILLIS), true));
    }

    /** Ends the camera's open window of {@code kind} (a filled card given back). */
    public void end(String kind, String deviceId, long at) {
        for (int i = windows.size() - 1; i >= 0; i--) {
            Window w = windows.get(i);
            if (w.camera() && w.kind().equals(kind) && w.target().equals(deviceId) && w.until() > at) {
                windows.set(i, new Window(w.kind(), w.target(), w.detail(), w.from(), at, true));
                return;
            }
        }
    }

    /** Windows open at {@code t}: timeline faults one by one, camera faults one entry per kind. */
    public List<FleetCounters.ActiveFault> at(long t) {
        List<FleetCounters.ActiveFault> active = new ArrayList<>();
        Map<String, List<Window>> byKind = new LinkedHashMap<>();
        for (Window w : windows) {
            if (w.from() <= t && t < w.until()) {
                if (w.camera()) {
                    byKind.computeIfAbsent(w.kind(), k -> new ArrayList<>()).add(w);
                } else {
                    active.add(new FleetCounters.ActiveFault(w.kind(), w.target(), w.detail(), w.from()));
                }
            }
        }
        byKind.forEach((kind, list) -> {
            long since = list.stream().mapToLong(Window::from).min().orElse(t);
            Window one = list.get(0);
            active.add(list.size() == 1 ? new FleetCounters.ActiveFault(kind, one.target(), one.detail(), since)
                    : new FleetCounters.ActiveFault(kind, list.size() + " cameras", "", since));
        });
        return active;
    }
}
