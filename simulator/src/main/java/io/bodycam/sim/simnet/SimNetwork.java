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
 * direction or both, a bandwidth limit, connections reset some time after they were made, or a cut (every
 * connection refused, as a network that is down). A camera with no impairment draws exactly what it drew
 * before, so a run without network faults is not changed by them.
 */
public final class SimNetwork {

    /** A camera's two kinds of traffic. */
    public enum Channel { MQTT, HTTP }

    /**
     * What a fault does to one camera's traffic on one channel.
     *
     * @param latencyMillis    added one-way latency, in the directions chosen
     * @param jitterMillis     the added latency varies by up to this much either way (never below 0 in all)
     * @param bytesPerSecond   at most this rate in the directions chosen; 0 for no limit
     * @param upstream         it acts on camera to server
     * @param downstream       it acts on server to camera
     * @param resetShare       the share of connections (0..1) reset {@code resetAfterMillis} after the fault met them
     * @param resetAfterMillis see {@code resetShare}
     * @param cut              no connection gets through
     * @param silent           a blackhole: nothing gets through in the directions chosen, not even the news that a side
     *                         closed; a connection stays open until a timeout on one side gives up on it
     */
    public record Impairment(long latencyMillis, long jitterMillis, long bytesPerSecond, boolean upstream, boolean downstream,
                             double resetShare, long resetAfterMillis, boolean cut, boolean silent) {

        public Impairment {
            if (latencyMillis < 0 || jitterMillis < 0 || bytesPerSecond < 0 || resetAfterMillis < 0) {
                throw new IllegalArgumentException("latency, jitter, rate and reset time must be >= 0, were " + latencyMillis + ", "
                        + jitterMillis + ", " + bytesPerSecond + " and " + resetAfterMillis);
            }
            if (!(resetShare >= 0 && resetShare <= 1)) {
                throw new IllegalArgumentException("the share of connections reset must be 0..1, was " + resetShare);
            }
        }

        /** A network that is down. */
        public static final Impairment CUT = new Impairment(0, 0, 0, false, false, 0, 0, true, false);

        /** A blackhole in the directions chosen. */
        public static Impairment blackhole(boolean upstream, boolean downstream) {
            return new Impairment(0, 0, 0, upstream, downstream, 0, 0, false, true);
        }

        /** {@code latencyMillis} ± {@code jitterMillis} more, in the directions chosen. */
        public static Impairment latency(long latencyMillis, long jitterMillis, boolean upstream, boolean downstream) {
            return new Impairment(latencyMillis, jitterMillis, 0, upstream, downstream, 0, 0, false, false);
        }

        /** At most {@code bytesPerSecond} (more than 0), in the directions chosen. */
        public static Impairment bandwidth(long bytesPerSecond, boolean upstream, boolean downstream) {
            if (bytesPerSecond <= 0) {
                throw new IllegalArgumentException("a bandwidth limit must be > 0 bytes/s, was " + bytesPerSecond);
            }
            return new Impairment(0, 0, bytesPerSecond, upstream, downstream, 0, 0, false, false);
        }

        /** A share of connections reset, each {@code afterMillis} after the fault met it. */
        public static Impairment reset(double share, long afterMillis) {
            return new Impairment(0, 0, 0, true, true, share, afterMillis, false, false);
        }
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
     * or down, for a message of {@code bytes}, with what the impairments in force add (their latency, and the
     * time a limited bandwidth takes to carry the message).
     */
    public long latency(String deviceId, Channel channel, boolean upstream, long bytes) {
        long millis = latency();
        List<Impairment> in = impaired.get(key(deviceId, channel));
        if (in != null) {
            for (Impairment i : in) {
                if (upstream ? i.upstream() : i.downstream()) {
                    long jitter = i.jitterMillis() == 0 ? 0 : random.nextLong(-i.jitterMillis(), i.jitterMillis() + 1);
                    millis += Math.max(0, i.latencyMillis() + jitter);
                    if (i.bytesPerSecond() > 0) {
                        millis += (long) Math.ceil(bytes * 1000.0 / i.bytesPerSecond());
                    }
                }
            }
        }
        return millis;
    }

    /** As {@link #latency(String, Channel, boolean, long)} for a message too small for a bandwidth limit to tell. */
    public long latency(String deviceId, Channel channel, boolean upstream) {
        return latency(deviceId, channel, upstream, 0);
    }

    /** The lowest bandwidth limit in force on camera {@code deviceId}'s {@code channel} upstream, in bytes/s; 0 for none. */
    public long upstreamLimit(String deviceId, Channel channel) {
        List<Impairment> in = impaired.get(key(deviceId, channel));
        long limit = 0;
        if (in != null) {
            for (Impairment i : in) {
                if (i.upstream() && i.bytesPerSecond() > 0 && (limit == 0 || i.bytesPerSecond() < limit)) {
                    limit = i.bytesPerSecond();
                }
            }
        }
        return limit;
    }

    /**
     * Draws whether a connection of camera {@code deviceId} on {@code channel} that a reset impairment meets now
     * is reset, and when: the virtual milliseconds from now, or -1 for not at all.
     */
    public long resetAfter(String deviceId, Channel channel) {
        List<Impairment> in = impaired.get(key(deviceId, channel));
        if (in != null) {
            for (Impairment i : in) {
                if (i.resetShare() > 0 && chance(i.resetShare())) {
                    return i.resetAfterMillis();
                }
            }
        }
        return -1;
    }

    /** Camera {@code deviceId}'s connections on {@code channel} are refused now (a cut is in force). */
    public boolean cut(String deviceId, Channel channel) {
        List<Impairment> in = impaired.get(key(deviceId, channel));
        return in != null && in.stream().anyMatch(Impairment::cut);
    }

    /** Nothing camera {@code deviceId} sends on {@code channel} in this direction gets through now (a blackhole). */
    public boolean silent(String deviceId, Channel channel, boolean upstream) {
        List<Impairment> in = impaired.get(key(deviceId, channel));
        return in != null && in.stream().anyMatch(i -> i.silent() && (upstream ? i.upstream() : i.downstream()));
    }

    /** Nothing gets through in one direction or the other now: a connection cannot be opened. */
    public boolean silent(String deviceId, Channel channel) {
        return silent(deviceId, channel, true) || silent(deviceId, channel, false);
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
