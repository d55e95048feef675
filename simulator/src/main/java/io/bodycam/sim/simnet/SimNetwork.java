package io.bodycam.sim.simnet;

import io.bodycam.sim.time.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The wire of simulated mode: every message and answer crosses it after a one-way latency drawn from a
 * seeded generator, on the one {@link ManualClock} every camera and server of the run shares. Draws
 * happen in the clock's event order, which is fixed by the seed, so the same seed gives the same
 * latencies in the same places.
 *
 * <p>A fault can {@link #impair} one camera's MQTT or HTTP traffic: more latency (with jitter) in one
 * direction or both, or a cut (every connection refused, as a network that is down). A camera with no
 * impairment draws exactly what it drew before, so a run without network faults is not changed by them.
 */
public final class SimNetwork {

    /** A camera's two kinds of traffic. */
    public enum Channel { MQTT, HTTP }

    /**
     * What a fault does to one camera's traffic on one channel.
     *
     * @param latencyMillis added one-way latency, in the directions chosen
     * @param jitterMillis  the added latency varies by up to this much either way (never below 0 in all)
     * @param upstream      it slows camera to server
     * @param downstream    it slows server to camera
     * @param cut           no connection gets through
     */
    public record Impairment(long latencyMillis, long jitterMillis, boolean upstream, boolean downstream, boolean cut) {

        public Impairment {
            if (latencyMillis < 0 || jitterMillis < 0) {
                throw new IllegalArgumentException("latency and jitter must be >= 0, were " + latencyMillis + " and " + jitterMillis);
            }
        }

        /** A network that is down. */
        public static final Impairment CUT = new Impairment(0, 0, false, false, true);
    }

    private final ManualClock clock;
    private final SplittableRandom random;
    private final long minMillis;
    private final long spreadMillis;
    /** Impairments in force, by camera and channel ({@code deviceId/CHANNEL}). */
    private final Map<String, List<Impairment>> impaired = new HashMap<>();

    /**
     * @param min the shortest one-way latency
     * @param max the longest (latencies are uniform between the two)
     */
    public SimNetwork(ManualClock clock, long seed, Duration min, Duration max) {
        if (min.isNegative() || max.compareTo(min) < 0) {
            throw new IllegalArgumentException("latency range must be 0 <= min <= max, was " + min + ".." + max);
        }
        this.clock = clock;
        this.random = new SplittableRandom(seed);
        this.minMillis = min.toMillis();
        this.spreadMillis = max.toMillis() - min.toMillis();
    }

    public ManualClock clock() {
        return clock;
    }

    /** The run's seeded generator, for draws that must fall in the clock's event order (reconnect backoff). */
    SplittableRandom random() {
        return random;
    }

    /** One one-way latency, in virtual milliseconds. */
    public long latency() {
        return spreadMillis == 0 ? minMillis : minMillis + random.nextLong(spreadMillis + 1);
    }

    /**
     * One one-way latency of camera {@code deviceId}'s traffic on {@code channel}, upstream (camera to server)
     * or down, with what the impairments in force add.
     */
    public long latency(String deviceId, Channel channel, boolean upstream) {
        long millis = latency();
        List<Impairment> in = impaired.get(key(deviceId, channel));
        if (in != null) {
            for (Impairment i : in) {
                if (upstream ? i.upstream() : i.downstream()) {
                    long jitter = i.jitterMillis() == 0 ? 0 : random.nextLong(-i.jitterMillis(), i.jitterMillis() + 1);
                    millis += Math.max(0, i.latencyMillis() + jitter);
                }
            }
        }
        return millis;
    }

    /** Camera {@code deviceId}'s connections on {@code channel} are refused now (a cut is in force). */
    public boolean cut(String deviceId, Channel channel) {
        List<Impairment> in = impaired.get(key(deviceId, channel));
        return in != null && in.stream().anyMatch(Impairment::cut);
    }

    /** Puts {@code impairment} on camera {@code deviceId}'s {@code channel}; the returned action takes it off again. */
    public Runnable impair(String deviceId, Channel channel, Impairment impairment) {
        String key = key(deviceId, channel);
        impaired.computeIfAbsent(key, k -> new ArrayList<>()).add(impairment);
        return () -> {
            List<Impairment> in = impaired.get(key);
            // one of them: an equal impairment from another fault stays in force
            in.remove(impairment);
            if (in.isEmpty()) {
                impaired.remove(key);
            }
        };
    }

    /** True with probability {@code share} (0..1), drawn from the run's seeded generator. */
    public boolean chance(double share) {
        return share >= 1 || (share > 0 && random.nextDouble() < share);
    }

    private static String key(String deviceId, Channel channel) {
        return deviceId + '/' + channel;
    }
}
