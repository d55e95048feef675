package io.bodycam.bench.run;

import io.bodycam.backend.http.HttpFaults;
import io.bodycam.bench.faults.FaultProxies;
import io.bodycam.bench.faults.FaultProxy;
import io.bodycam.bench.faults.Toxic;
import io.bodycam.bench.fleet.Fleet;
import io.bodycam.bench.fleet.FleetMember;
import io.bodycam.bench.live.FleetCounters;
import io.bodycam.bench.live.LiveCameras;
import io.bodycam.bench.metrics.RunCollector;
import io.bodycam.bench.observer.FleetObserver;
import io.bodycam.bench.observer.LatencySummary;
import io.bodycam.bench.observer.TopicKind;
import io.bodycam.bench.run.record.LiveVerdicts;
import io.bodycam.bench.run.record.RunRecorder;
import io.bodycam.bench.scenario.Scenario;
import io.bodycam.bench.scenario.assertions.Assertion;
import io.bodycam.bench.scenario.assertions.Metric;
import io.bodycam.bench.timeline.FaultInjector;
import io.bodycam.sim.camera.CameraListener;
import io.bodycam.sim.event.BenchNote;
import io.bodycam.sim.event.CameraEvent;
import io.bodycam.sim.event.FaultGpsLoss;
import io.bodycam.sim.event.FaultNetworkPulled;
import io.bodycam.sim.event.LteOutage;
import io.bodycam.sim.event.SegmentClosed;
import io.bodycam.sim.event.UploadVerified;
import io.bodycam.sim.time.SimClock;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

/**
 * A running scenario as the live dashboard and the control API see it: the fleet's cameras on a
 * {@link LiveCameras} board (refreshed on every look of the watch), with the run's own figures: message
 * and upload rates, the observer's latencies, evidence so far, the assertions as they stand on the live
 * metrics, and the faults in force (the timeline's, those set by hand on the fault proxies or the
 * backend, and the ones cameras reported lately). A dock or undock goes through the run's dock station.
 */
final class RunLiveFleet implements CameraListener {

    /** How long a camera's single-blow fault (a power cut, a skewed clock) stays listed, virtual ms. */
    private static final long BLOW_MILLIS = 60_000;

    private final Scenario scenario;
    private final SimClock clock;
    private final FleetObserver observer;
    private final RunCollector collector;
    private final RunRecorder record;
    private final FaultInjector faults;
    private final HttpFaults backendFaults;
    private final LiveCameras cameras;
    private final LongAdder recorded = new LongAdder();
    private final LongAdder verified = new LongAdder();
    private final Map<String, FleetCounters.ActiveFault> reported = new ConcurrentHashMap<>();
    private final Map<String, Long> reportedUntil = new ConcurrentHashMap<>();
    private long lastNanos = System.nanoTime();
    private long lastReceived;
    private long lastBytes;
    private double mqttRate;
    private double uploadRate;

    /** @param backendFaults the embedded evidence server's injected faults, or null against an external backend */
    RunLiveFleet(Scenario scenario, SimClock clock, Fleet fleet, FleetObserver observer, RunCollector collector,
                 RunRecorder record, FaultInjector faults, HttpFaults backendFaults) {
        this.scenario = scenario;
        this.clock = clock;
        this.observer = observer;
        this.collector = collector;
        this.record = record;
        this.faults = faults;
        this.backendFaults = backendFaults;
        List<LiveCameras.Member> members = new ArrayList<>();
        for (FleetMember m : fleet.members()) {
            members.add(new LiveCameras.Member(m.camera().deviceId(), m.group(), m.agency(), m.camera(), dock -> {
                if (dock) {
                    m.officer().offDuty();
                    fleet.station().arrive(m);
                } else {
                    fleet.station().leave(m);
                    m.officer().onDuty();
                }
            }));
        }
        this.cameras = new LiveCameras(scenario.name(), members, observer, clock, this::figures);
    }

    LiveCameras cameras() {
        return cameras;
    }

    @Override
    public void onEvent(CameraEvent e) {
        cameras.onEvent(e);
        if (e instanceof SegmentClosed) {
            recorded.increment();
        } else if (e instanceof UploadVerified) {
            verified.increment();
        } else if (e instanceof BenchNote && (e.type().startsWith("fault.") || e instanceof LteOutage)) {
            String key = e.type() + "/" + e.deviceId();
            reported.put(key, new FleetCounters.ActiveFault(e.type(), e.deviceId(), "", e.time()));
            reportedUntil.put(key, e.time() + lasting(e));
        }
    }

    private static long lasting(CameraEvent e) {
        if (e instanceof FaultNetworkPulled n) {
            return n.durationMs();
        } else if (e instanceof FaultGpsLoss g) {
            return g.durationMs();
        } else if (e instanceof LteOutage o) {
            return o.millis();
        }
        return BLOW_MILLIS;
    }

    private synchronized LiveCameras.Figures figures() {
        long now = System.nanoTime();
        double seconds = (now - lastNanos) / 1e9;
        long received = observer.stats().receivedTotal();
        long bytes = collector.uploadBytes();
        if (seconds >= 0.25) {
            mqttRate = (received - lastReceived) / seconds;
            uploadRate = (bytes - lastBytes) / seconds;
            lastNanos = now;
            lastReceived = received;
            lastBytes = bytes;
        }
        long rec = recorded.sum();
        long ver = verified.sum();
        return new LiveCameras.Figures(mqttRate, uploadRate, latency(),
                new FleetCounters.Evidence(rec, ver, 0, 0, 0, Math.max(0, rec - ver)), assertions(), faultsInForce());
    }

    private Map<String, FleetCounters.Latency> latency() {
        Map<String, FleetCounters.Latency> m = new LinkedHashMap<>();
        for (TopicKind k : TopicKind.values()) {
            put(m, k == TopicKind.ACK ? "ack" : k.suffix(), observer.latencySummary(k));
        }
        put(m, "commandRtt", observer.commandRoundTripSummary());
        return m;
    }

    private static void put(Map<String, FleetCounters.Latency> m, String name, LatencySummary s) {
        if (s.count() > 0) {
            m.put(name, new FleetCounters.Latency(s.p50Millis(), s.p90Millis(), s.p99Millis(), s.maxMillis()));
        }
    }

    /** Each assertion on the live metrics; one scoped to a phase, or on a metric known only at the end, is unmeasured. */
    private List<FleetCounters.AssertionState> assertions() {
        Map<String, Double> live = record.liveMetrics();
        List<Assertion> gone = LiveVerdicts.failedSoFar(scenario.assertions(), live);
        List<FleetCounters.AssertionState> list = new ArrayList<>();
        for (Assertion a : scenario.assertions()) {
            Double actual = a.during() == null ? live.get(a.metric()) : null;
            String unit = Metric.byName(a.metric()).map(x -> x.unit() == Metric.Unit.MILLIS ? "ms" : "").orElse("");
            FleetCounters.Verdict v = actual == null || actual.isNaN() ? FleetCounters.Verdict.UNMEASURED
                    : gone.contains(a) ? FleetCounters.Verdict.FAILED
                    : a.op().test(actual, a.value()) ? FleetCounters.Verdict.HOLDS : FleetCounters.Verdict.FAILS;
            list.add(new FleetCounters.AssertionState(a.expr(), v, v == FleetCounters.Verdict.UNMEASURED ? null : actual, unit));
        }
        return list;
    }

    private List<FleetCounters.ActiveFault> faultsInForce() {
        List<FleetCounters.ActiveFault> list = new ArrayList<>();
        for (FaultInjector.InForce f : faults.inForce()) {
            list.add(new FleetCounters.ActiveFault(f.kind(), f.groups().isEmpty() ? "every group" : String.join(", ", f.groups()),
                    f.params().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" ")),
                    f.since()));
        }
        faults.proxies().map(FaultProxies::all).orElse(List.of()).forEach(p -> proxyFaults(p, list));
        if (backendFaults != null && !backendFaults.settings().equals(HttpFaults.Settings.NONE)) {
            list.add(new FleetCounters.ActiveFault("backend http", "evidence server", backendFaults.settings().toString(), clock.now()));
        }
        long now = clock.now();
        reportedUntil.forEach((key, until) -> {
            if (until < now) {
                reported.remove(key);
                reportedUntil.remove(key);
            }
        });
        list.addAll(reported.values());
        return list;
    }

    /** A disabled proxy and a proxy's toxics (set by the timeline or by hand). */
    private void proxyFaults(FaultProxy p, List<FleetCounters.ActiveFault> list) {
        if (!p.enabled()) {
            list.add(new FleetCounters.ActiveFault("down", p.name(), "proxy disabled", clock.now()));
        }
        for (Toxic t : p.toxics()) {
            list.add(new FleetCounters.ActiveFault(t.kind().getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT),
                    p.name(), t.name() + " " + t.stream().name().toLowerCase(java.util.Locale.ROOT), clock.now()));
        }
    }
}
