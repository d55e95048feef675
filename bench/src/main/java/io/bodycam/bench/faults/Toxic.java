package io.bodycam.bench.faults;

import java.util.Objects;

/**
 * One toxic on a {@link FaultProxy}: what it does, which way, and the share of connections it
 * applies to ({@code toxicity}: each connection draws once whether the toxic applies to it, when the
 * two meet). Toxics of a proxy are applied in the order they were added.
 *
 * <pre>{@code
 * proxy.add(Toxic.of(new ToxicKind.Latency(Duration.ofMillis(300), Duration.ofMillis(200)), Direction.DOWNSTREAM));
 * proxy.add(Toxic.of(new ToxicKind.ResetPeer(Duration.ofSeconds(5)), Direction.UPSTREAM).withToxicity(0.02));
 * }</pre>
 *
 * @param name unique on its proxy: 1..64 of {@code [A-Za-z0-9._-]}
 */
public record Toxic(String name, ToxicKind kind, Direction stream, double toxicity) {

    public Toxic {
        if (name == null || !name.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new IllegalArgumentException("toxic name must be 1..64 of [A-Za-z0-9._-], was '" + name + "'");
        }
        Objects.requireNonNull(kind, "toxic kind");
        Objects.requireNonNull(stream, "toxic stream");
        if (!(toxicity >= 0 && toxicity <= 1)) {
            throw new IllegalArgumentException("toxicity must be 0..1, was " + toxicity);
        }
    }

    /** A toxic named as Toxiproxy names it by default ({@code <type>_<stream>}), applying to every connection. */
    public static Toxic of(ToxicKind kind, Direction stream) {
        return new Toxic(kind.type() + "_" + stream.wireName(), kind, stream, 1.0);
    }

    public Toxic named(String newName) {
        return new Toxic(newName, kind, stream, toxicity);
    }

    public Toxic withToxicity(double share) {
        return new Toxic(name, kind, stream, share);
    }
}
