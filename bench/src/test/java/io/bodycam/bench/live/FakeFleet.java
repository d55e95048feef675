package io.bodycam.bench.live;

import io.bodycam.sim.state.DockPhase;
import io.bodycam.sim.state.Mode;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A fleet for the dashboard's tests: cameras on a grid of streets around a centre, each walking or
 * driving along its street, with seeded modes. {@link #step} moves every camera and changes the mode
 * of a share of them; actions are recorded and answered, or refused for a camera in ERROR.
 */
final class FakeFleet implements LiveFleet {

    /** An action as the fleet received it. */
    record Received(String deviceId, CameraAction action) {
    }

    static final double CENTRE_LAT = 39.10;
    static final double CENTRE_LON = -94.42;
    /** Streets every ~200 m. */
    private static final double BLOCK_DEG = 0.0018;
    private static final Mode[] MODES = {Mode.READY_BUFFERING, Mode.READY_BUFFERING, Mode.RECORDING, Mode.DOCKED,
            Mode.OFF, Mode.ERROR, Mode.PRIORITY_UPLOAD, Mode.SLEEP};

    private final List<RosterEntry> roster = new ArrayList<>();
    private final CameraBoard board;
    private final Random random;
    private final double[] along;
    private final boolean[] northSouth;
    private final double[] street;
    private final double[] speed;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private long virtualTime = 1_796_500_000_000L;

    FakeFleet(int cameras, long seed) {
        random = new Random(seed);
        for (int i = 1; i <= cameras; i++) {
            roster.add(new RosterEntry(String.format("CAM-%05d", i), i % 3 == 0 ? "night" : "day"));
        }
        board = new CameraBoard(roster);
        along = new double[cameras];
        northSouth = new boolean[cameras];
        street = new double[cameras];
        speed = new double[cameras];
        int side = 2 * (int) Math.ceil(Math.sqrt(cameras / 4.0)) + 4;
        for (int i = 0; i < cameras; i++) {
            northSouth[i] = random.nextBoolean();
            street[i] = (random.nextInt(side) - side / 2) * BLOCK_DEG;
            along[i] = (random.nextDouble() - 0.5) * side * BLOCK_DEG;
            speed[i] = (random.nextBoolean() ? 1 : -1) * (1.4 + random.nextDouble() * 12) * 1e-5;
            board.put(place(i, CameraState.off(roster.get(i).deviceId()).withMode(pick(), null)));
        }
    }

    private Mode pick() {
        return MODES[random.nextInt(MODES.length)];
    }

    private CameraState place(int i, CameraState s) {
        double lat = northSouth[i] ? CENTRE_LAT + along[i] : CENTRE_LAT + street[i];
        double lon = northSouth[i] ? CENTRE_LON + street[i] : CENTRE_LON + along[i] * 1.3;
        Mode m = s.mode();
        return new CameraState(s.deviceId(), m, m == Mode.DOCKED ? DockPhase.UPLOADING : null,
                Math.round(lat * 1e6) / 1e6, Math.round(lon * 1e6) / 1e6, m != Mode.OFF, m == Mode.DOCKED);
    }

    /** One second of the fleet: every camera moves along its street; {@code share} of them change mode. */
    synchronized void step(double share) {
        virtualTime += 1000;
        for (int i = 0; i < along.length; i++) {
            along[i] += speed[i];
            CameraState s = board.get(roster.get(i).deviceId());
            if (random.nextDouble() < share) {
                s = s.withMode(pick(), null);
            }
            board.put(place(i, s));
        }
    }

    /** Sets one camera's mode (tests that need a known colour). */
    void set(String deviceId, Mode mode) {
        int i = indexOf(deviceId);
        board.put(place(i, board.get(deviceId).withMode(mode, null)));
    }

    List<CameraState> states() {
        return board.all();
    }

    List<Received> received() {
        return received;
    }

    @Override
    public String title() {
        return "fake fleet";
    }

    @Override
    public List<RosterEntry> roster() {
        return roster;
    }

    @Override
    public FleetChanges changesSince(long cursor) {
        return board.since(cursor);
    }

    @Override
    public synchronized FleetCounters counters() {
        Map<Mode, Integer> modes = new EnumMap<>(Mode.class);
        int online = 0;
        int uploading = 0;
        for (CameraState s : board.all()) {
            modes.merge(s.mode(), 1, Integer::sum);
            online += s.online() ? 1 : 0;
            uploading += s.uploading() ? 1 : 0;
        }
        return new FleetCounters(virtualTime, roster.size(), modes, online, uploading, 120.5, 2.5e6,
                Map.of("state", new FleetCounters.Latency(3, 8, 40, 90)),
                new FleetCounters.Evidence(10, 7, 0, 0, 0, 3),
                List.of(new FleetCounters.AssertionState("evidence.lost == 0", FleetCounters.Verdict.HOLDS, 0.0, "")),
                List.of(new FleetCounters.ActiveFault("latency", "mqtt-day", "latency=300", virtualTime - 5000)));
    }

    @Override
    public CompletionStage<CameraDetail> detail(String deviceId, int events) {
        CameraState s = board.get(deviceId);
        int i = indexOf(deviceId);
        List<EventLine> last = List.of(new EventLine(deviceId, virtualTime - 2000, "boot", Map.of("boots", 1)),
                new EventLine(deviceId, virtualTime - 1000, "mode", Map.of("from", "BOOTING", "to", s.mode().name())));
        return CompletableFuture.completedFuture(new CameraDetail(deviceId, roster.get(i).group(), s, Optional.empty(),
                last.subList(Math.max(0, last.size() - events), last.size())));
    }

    @Override
    public CompletionStage<ActionResult> act(String deviceId, CameraAction action) {
        CameraState s = board.get(deviceId);
        if (s.mode() == Mode.ERROR) {
            return CompletableFuture.failedFuture(new ActionRefusedException(deviceId + " is in ERROR: reboot it first"));
        }
        received.add(new Received(deviceId, action));
        return CompletableFuture.completedFuture(new ActionResult(deviceId, action, action.kind() + " done"));
    }

    private int indexOf(String deviceId) {
        for (int i = 0; i < roster.size(); i++) {
            if (roster.get(i).deviceId().equals(deviceId)) {
                return i;
            }
        }
        throw new NoSuchCameraException(deviceId);
    }
}
