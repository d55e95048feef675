package io.bodycam.bench.run;

import io.bodycam.bench.fleet.FleetMember;
import io.bodycam.bench.recovery.OfflineDetection;
import io.bodycam.bench.recovery.RecoveryTracker;
import io.bodycam.bench.scenario.FaultKind;
import io.bodycam.bench.scenario.FaultParams;
import io.bodycam.bench.scenario.TimelineEvent;
import io.bodycam.sim.simnet.SimBroker;
import io.bodycam.sim.simnet.SimEvidenceStore;
import io.bodycam.sim.simnet.SimNetwork;
import io.bodycam.sim.time.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The timeline's network and backend faults in simulated mode, on the simulated network, broker and evidence
 * server instead of proxies and the embedded backend: {@code broker-restart}, {@code network-down},
 * {@code network-latency}, {@code network-bandwidth}, {@code network-reset}, {@code network-blackhole},
 * {@code http-errors}, {@code http-slow} and {@code http-lost-response}. Each takes hold at its virtual time and is undone its {@code for} later, on the run's one
 * clock; every random choice in it (which requests fail, which connections a partial toxicity hits) is drawn
 * from the run's seeded generator, so a run with faults repeats as one without.
 */
final class SimulatedFaults {

    private final ManualClock clock;
    private final SimNetwork network;
    private final SimBroker broker;
    private final SimEvidenceStore store;
    private final List<FleetMember> members;
    private final OfflineDetection offline;
    private final RecoveryTracker recovery;

    SimulatedFaults(ManualClock clock, SimNetwork network, SimBroker broker, SimEvidenceStore store, List<FleetMember> members,
                    OfflineDetection offline, RecoveryTracker recovery) {
        this.clock = clock;
        this.network = network;
        this.broker = broker;
        this.store = store;
        this.members = members;
        this.offline = offline;
        this.recovery = recovery;
    }

    /** Why simulated mode cannot carry out this network or backend fault, if it cannot. */
    static Optional<String> refusal(TimelineEvent.Fault f) {
        FaultKind k = f.fault();
        return switch (k) {
            case NETWORK_SLICER, NETWORK_LIMIT_DATA -> Optional.of("its network moves whole messages, not bytes, so it has"
                    + " no " + k.wireName());
            default -> Optional.empty();
        };
    }

    /** Starts {@code f} on {@code groups} (empty: every group) now, and schedules its end. */
    void inject(TimelineEvent.Fault f, List<String> groups) {
        long at = clock.now();
        List<FleetMember> hit = members.stream().filter(m -> groups.isEmpty() || groups.contains(m.group())).toList();
        Runnable undo = start(f, new FaultParams(f.params()), hit, at);
        clock.schedule(f.length().toMillis(), () -> {
            undo.run();
            recovery.faultEnded(clock.now());
        });
    }

    private Runnable start(TimelineEvent.Fault f, FaultParams p, List<FleetMember> hit, long at) {
        switch (f.fault()) {
            case BROKER_RESTART -> {
                broker.stop("lost".equals(p.sessions()));
                return broker::start;
            }
            case HTTP_ERRORS -> {
                return http(s -> s.withErrors(p.fraction("share", 0.1), p.whole("status", 503, 500, 599)),
                        s -> s.withErrors(0, s.errorStatus()));
            }
            case HTTP_SLOW -> {
                return http(s -> s.withDelay(p.duration("delay", Duration.ofSeconds(2)).toMillis()), s -> s.withDelay(0));
            }
            case HTTP_LOST_RESPONSE -> {
                boolean hang = "hang".equals(p.lostMode());
                return http(s -> s.withLostResponses(p.fraction("share", 0.05), hang), s -> s.withLostResponses(0, false));
            }
            case NETWORK_DOWN -> {
                return impair(hit, p.target(), m -> SimNetwork.Impairment.CUT, (m, channel) -> {
                    if (channel == SimNetwork.Channel.MQTT) {
                        offline.connectionLost(m.camera().deviceId(), at);
                        broker.drop(m.camera().deviceId(), "network down");
                    } else {
                        store.reset(m.camera().deviceId(), "network down");
                    }
                });
            }
            case NETWORK_LATENCY -> {
                long latency = p.duration("latency", Duration.ofMillis(300)).toMillis();
                long jitter = p.duration("jitter", Duration.ZERO).toMillis();
                return impair(hit, p.target(), directed(p, (up, down) -> SimNetwork.Impairment.latency(latency, jitter, up, down)),
                        (m, channel) -> { });
            }
            case NETWORK_BANDWIDTH -> {
                long rate = p.bytesPerSecond();
                return impair(hit, p.target(), directed(p, (up, down) -> SimNetwork.Impairment.bandwidth(rate, up, down)),
                        (m, channel) -> { });
            }
            case NETWORK_RESET -> {
                // toxicity is the share of connections reset: each connection draws, the open ones now, later ones when made
                SimNetwork.Impairment reset = SimNetwork.Impairment.reset(p.fraction("toxicity", 1),
                        p.duration("after", Duration.ZERO).toMillis());
                return impair(hit, p.target(), m -> reset, (m, channel) -> {
                    if (channel == SimNetwork.Channel.MQTT) {
                        broker.faultMet(m.camera().deviceId());
                    }
                });
            }
            case NETWORK_BLACKHOLE -> {
                return impair(hit, p.target(), directed(p, SimNetwork.Impairment::blackhole), (m, channel) -> {
                    if (channel == SimNetwork.Channel.MQTT) {
                        offline.connectionLost(m.camera().deviceId(), at);
                        broker.blackholeMet(m.camera().deviceId());
                    }
                });
            }
            default -> throw new IllegalStateException("simulated mode refuses " + f.fault().wireName() + " before it starts");
        }
    }

    /**
     * The impairment {@code of} makes for the directions the fault's {@code stream} names, for a {@code toxicity}
     * share of the cameras (drawn per camera and channel from the run's generator; null for the others).
     */
    private Function<FleetMember, SimNetwork.Impairment> directed(FaultParams p,
                                                                  BiFunction<Boolean, Boolean, SimNetwork.Impairment> of) {
        boolean up = !"downstream".equals(p.stream());
        boolean down = !"upstream".equals(p.stream());
        double toxicity = p.fraction("toxicity", 1);
        return m -> network.chance(toxicity) ? of.apply(up, down) : null;
    }

    /**
     * Puts the impairment {@code of} gives (none when it gives null) on each hit camera's channels that
     * {@code target} names ({@code mqtt}, {@code http}, {@code both}), then runs {@code then} on each; returns what
     * takes them off.
     */
    private Runnable impair(List<FleetMember> hit, String target, Function<FleetMember, SimNetwork.Impairment> of,
                            BiConsumer<FleetMember, SimNetwork.Channel> then) {
        List<Runnable> undo = new ArrayList<>();
        for (FleetMember m : hit) {
            for (SimNetwork.Channel channel : SimNetwork.Channel.values()) {
                if (target.equals("both") || target.equals(channel.name().toLowerCase(Locale.ROOT))) {
                    SimNetwork.Impairment i = of.apply(m);
                    if (i != null) {
                        undo.add(network.impair(m.camera().deviceId(), channel, i));
                        then.accept(m, channel);
                    }
                }
            }
        }
        return () -> undo.forEach(Runnable::run);
    }

    private Runnable http(UnaryOperator<SimEvidenceStore.Faults> on,
                          UnaryOperator<SimEvidenceStore.Faults> off) {
        store.faults(on.apply(store.faults()));
        return () -> store.faults(off.apply(store.faults()));
    }

    /** What the injected HTTP faults did, as a real run's {@code faults.http.*}. */
    Map<String, Double> httpFaultMetrics() {
        return Map.of("faults.http.errors", (double) store.errors(), "faults.http.lostResponses", (double) store.lostResponses(),
                "faults.http.delayed", (double) store.delayed());
    }
}
