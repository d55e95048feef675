package io.bodycam.bench.timeline;

import io.bodycam.bench.fleet.FleetMember;
import io.bodycam.backend.ReferenceBackend;
import io.bodycam.backend.http.HttpFaults;
import io.bodycam.bench.faults.Direction;
import io.bodycam.bench.faults.FaultProxies;
import io.bodycam.bench.faults.FaultProxy;
import io.bodycam.bench.faults.Toxic;
import io.bodycam.bench.faults.ToxicKind;
import io.bodycam.bench.recovery.OfflineDetection;
import io.bodycam.bench.recovery.RecoveryTracker;
import io.bodycam.bench.scenario.FaultKind;
import io.bodycam.bench.scenario.FaultParams;
import io.bodycam.bench.scenario.FleetGroup;
import io.bodycam.bench.scenario.Scenario;
import io.bodycam.bench.scenario.TimelineEvent;
import io.bodycam.sim.time.Scheduler;
import io.bodycam.sim.time.SimClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Carries out a run's network and backend faults (docs/faults.md). When the scenario has network
 * faults, every fleet group talks to the backend through its own pair of fault proxies (MQTT, HTTP),
 * so a fault selects whole groups. The work happens on the injector's own thread, never on a camera's
 * event loop (a broker takes seconds to stop); a fault that lasts ({@code for}) is undone after its
 * length in virtual time, and its end is handed to the recovery tracker.
 */
public final class FaultInjector implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FaultInjector.class);

    private final Scenario scenario;
    private final SimClock clock;
    private final ReferenceBackend embedded;
    private final RecoveryTracker recovery;
    private final OfflineDetection offline;
    private final FaultProxies proxies;
    private final Map<String, FaultProxy> mqttProxies = new LinkedHashMap<>();
    private final Map<String, FaultProxy> httpProxies = new LinkedHashMap<>();
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> new Thread(r, "bodycam-faults"));
    private final AtomicLong toxics = new AtomicLong();

    /** A fault of the timeline in force now, for the live dashboard. */
    public record InForce(String kind, List<String> groups, Map<String, String> params, long since) {
    }

    private final List<InForce> inForce = new java.util.concurrent.CopyOnWriteArrayList<>();

    /**
     * @param embedded null for an external backend
     */
    public FaultInjector(Scenario scenario, SimClock clock, URI mqtt, URI upload, ReferenceBackend embedded, RecoveryTracker recovery,
                  OfflineDetection offline) {
        this(scenario, clock, mqtt, upload, embedded, recovery, offline, false);
    }

    /**
     * As above; with {@code byHand} every group talks through its fault proxies even when the timeline
     * has no network fault, so faults can be injected by hand through the control API.
     */
    public FaultInjector(Scenario scenario, SimClock clock, URI mqtt, URI upload, ReferenceBackend embedded, RecoveryTracker recovery,
                  OfflineDetection offline, boolean byHand) {
        this.scenario = scenario;
        this.clock = clock;
        this.embedded = embedded;
        this.recovery = recovery;
        this.offline = offline;
        boolean needProxies = scenario.timeline().stream().anyMatch(e -> e.action() instanceof TimelineEvent.Fault f
                && (f.fault().network() || f.fault() == FaultKind.BROKER_RESTART && embedded == null));
        this.proxies = needProxies || byHand ? new FaultProxies(1, scenario.seed()) : null;
        if (proxies != null) {
            for (FleetGroup g : scenario.fleet()) {
                mqttProxies.put(g.name(), proxies.create("mqtt-" + g.name(), mqtt));
                httpProxies.put(g.name(), proxies.create("http-" + g.name(), upload));
            }
        }
    }

    /**
     * What the embedded evidence server's injected HTTP faults did: the metrics {@code faults.http.*}, so
     * a run proves its backend faults really hit requests. Empty against an external backend.
     */
    public Map<String, Double> httpFaultMetrics() {
        if (embedded == null) {
            return Map.of();
        }
        HttpFaults.Counts c = embedded.evidence().faults().counts();
        return Map.of("faults.http.errors", (double) c.errors(), "faults.http.lostResponses", (double) c.lostResponses(),
                "faults.http.delayed", (double) c.delayed());
    }

    /** Why a valid scenario's faults cannot be carried out against its backend, if they cannot. */
    public static Optional<String> refusal(Scenario scenario) {
        for (TimelineEvent e : scenario.timeline()) {
            if (!(e.action() instanceof TimelineEvent.Fault f)) {
                continue;
            }
            if (f.fault() == FaultKind.BROKER_RESTART && !scenario.backend().embedded()
                    && f.params().containsKey("sessions")) {
                return Optional.of("fault 'broker-restart' with sessions: restarts the embedded broker; an external "
                        + "broker is cut off through its fault proxies instead, and keeps its sessions");
            }
            if (f.fault().name().startsWith("HTTP_") && !scenario.backend().embedded()) {
                return Optional.of("fault '" + f.fault().wireName() + "' is injected into the embedded evidence server; "
                        + "against an external backend use the network faults");
            }
            if (f.fault().network() && (!e.select().cameras().isEmpty() || e.select().count() > 0
                    || e.select().fraction() < 1 || e.select().near() != null)) {
                return Optional.of("fault '" + f.fault().wireName() + "' acts on whole groups (each has its own fault proxy): "
                        + "select them with group:, not with cameras, count, fraction or near");
            }
        }
        return Optional.empty();
    }

    /** The run's fault proxies (one pair per fleet group), when it has them. */
    public Optional<FaultProxies> proxies() {
        return Optional.ofNullable(proxies);
    }

    /** The timeline's faults in force now. */
    public List<InForce> inForce() {
        return List.copyOf(inForce);
    }

    /** Where a group's cameras connect: through its proxies when the run has them. */
    public URI mqtt(String group, URI direct) {
        return proxies == null ? direct : mqttProxies.get(group).uri("tcp");
    }

    /** As {@link #mqtt}; the proxies relay bytes, so an {@code https://} upload stays https through them. */
    public URI upload(String group, URI direct) {
        return proxies == null ? direct : httpProxies.get(group).uri(direct.getScheme());
    }

    /**
     * A backend or network fault at {@code at} (virtual), hitting the given groups (empty: all). It is
     * undone {@code for} its length of virtual time after it took hold, timed on the first camera's
     * scheduler, so a run on a held clock undoes it when that clock gets there.
     */
    public void inject(TimelineEvent.Fault f, List<String> groups, long at, List<FleetMember> fleet) {
        Scheduler timer = fleet.get(0).camera().scheduler();
        thread.execute(() -> {
            Runnable undo;
            List<String> hit = groups.isEmpty() ? List.copyOf(mqttProxies.keySet()) : groups;
            InForce now = new InForce(f.fault().wireName(), hit, f.params(), clock.now());
            try {
                undo = start(f, hit, at, fleet);
                inForce.add(now);
            } catch (RuntimeException e) {
                log.warn("fault {} could not be injected: {}", f.fault().wireName(), e.toString());
                return;
            }
            timer.schedule(f.length().toMillis(), () -> {
                if (!thread.isShutdown()) {
                    thread.execute(() -> {
                        undo.run();
                        inForce.remove(now);
                        recovery.faultEnded(clock.now());
                        log.info("fault {} over", f.fault().wireName());
                    });
                }
            });
        });
    }

    /** Starts a fault and returns what undoes it. */
    private Runnable start(TimelineEvent.Fault f, List<String> groups, long at, List<FleetMember> fleet) {
        FaultParams p = new FaultParams(f.params());
        log.info("fault {} for {} on {}", f.fault().wireName(), f.length(), groups);
        switch (f.fault()) {
            case BROKER_RESTART -> {
                if (embedded != null) {
                    embedded.broker().stop();
                    if (embedded.broker().persistent() && "lost".equals(p.sessions())) {
                        embedded.broker().forgetState();
                    }
                    return embedded.broker()::start;
                }
                lostConnections(groups, at, fleet);
                mqttProxies.values().forEach(FaultProxy::disable);
                return () -> mqttProxies.values().forEach(FaultProxy::enable);
            }
            case HTTP_ERRORS -> {
                return http(s -> s.withErrors(p.fraction("share", 0.1), p.whole("status", 503, 500, 599)),
                        s -> s.withErrors(0, s.errorStatus()));
            }
            case HTTP_SLOW -> {
                return http(s -> s.withDelay(p.duration("delay", Duration.ofSeconds(2))), s -> s.withDelay(Duration.ZERO));
            }
            case HTTP_LOST_RESPONSE -> {
                return http(s -> s.withLostResponses(p.fraction("share", 0.05),
                        "hang".equals(p.lostMode()) ? HttpFaults.LostResponse.HANG : HttpFaults.LostResponse.CLOSE),
                        s -> s.withLostResponses(0, s.lostResponse()));
            }
            case NETWORK_DOWN -> {
                List<FaultProxy> hit = proxies(groups, p.target());
                if (!"http".equals(p.target())) {
                    lostConnections(groups, at, fleet);
                }
                hit.forEach(FaultProxy::disable);
                return () -> hit.forEach(FaultProxy::enable);
            }
            default -> {
                ToxicKind kind = toxic(f.fault(), p);
                if (f.fault() == FaultKind.NETWORK_BLACKHOLE && !"http".equals(p.target())) {
                    lostConnections(groups, at, fleet);
                }
                List<Runnable> undo = new ArrayList<>();
                for (FaultProxy proxy : proxies(groups, p.target())) {
                    for (Direction d : directions(p.stream())) {
                        Toxic t = proxy.add(Toxic.of(kind, d).named(f.fault().wireName() + "-" + toxics.incrementAndGet())
                                .withToxicity(p.fraction("toxicity", 1)));
                        undo.add(() -> proxy.remove(t.name()));
                    }
                }
                return () -> undo.forEach(Runnable::run);
            }
        }
    }

    private Runnable http(java.util.function.UnaryOperator<HttpFaults.Settings> on,
                          java.util.function.UnaryOperator<HttpFaults.Settings> off) {
        HttpFaults faults = embedded.evidence().faults();
        synchronized (faults) {
            faults.set(on.apply(faults.settings()));
        }
        return () -> {
            synchronized (faults) {
                faults.set(off.apply(faults.settings()));
            }
        };
    }

    private static ToxicKind toxic(FaultKind kind, FaultParams p) {
        return switch (kind) {
            case NETWORK_LATENCY -> new ToxicKind.Latency(p.duration("latency", Duration.ofMillis(300)), p.duration("jitter", Duration.ZERO));
            case NETWORK_BANDWIDTH -> new ToxicKind.Bandwidth(p.bytesPerSecond());
            case NETWORK_SLICER -> new ToxicKind.Slicer(p.whole("averageSize", 64, 1, 1 << 20), p.whole("sizeVariation", 0, 0, 1 << 20),
                    p.duration("delay", Duration.ofMillis(10)));
            case NETWORK_RESET -> new ToxicKind.ResetPeer(p.duration("after", Duration.ZERO));
            case NETWORK_BLACKHOLE -> new ToxicKind.Timeout(Duration.ZERO);
            case NETWORK_LIMIT_DATA -> new ToxicKind.LimitData(p.size("bytes", 10_000));
            default -> throw new IllegalStateException(kind.wireName() + " is not a toxic");
        };
    }

    private List<FaultProxy> proxies(List<String> groups, String target) {
        List<FaultProxy> hit = new ArrayList<>();
        for (String g : groups) {
            if (!"http".equals(target)) {
                hit.add(mqttProxies.get(g));
            }
            if (!"mqtt".equals(target)) {
                hit.add(httpProxies.get(g));
            }
        }
        return hit;
    }

    private static List<Direction> directions(String stream) {
        return switch (stream) {
            case "upstream" -> List.of(Direction.UPSTREAM);
            case "downstream" -> List.of(Direction.DOWNSTREAM);
            default -> List.of(Direction.UPSTREAM, Direction.DOWNSTREAM);
        };
    }

    /** Tells offline detection that these groups' cameras lost their connection now. */
    private void lostConnections(List<String> groups, long at, List<FleetMember> fleet) {
        fleet.stream().filter(m -> groups.contains(m.group())).forEach(m -> offline.connectionLost(m.camera().deviceId(), at));
    }

    @Override
    public void close() {
        thread.shutdownNow();
        if (proxies != null) {
            proxies.close();
        }
    }
}
