package io.bodycam.bench.scenario;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A scenario's impostor cameras (docs/security.md#impostors): beside the honest fleet, one attempt of each
 * kind on the backend, made {@code at} after the start, each against the fleet's first camera (the victim).
 * They need mutual TLS with a {@code bodycam pki} folder ({@code backend.tls.certs}).
 *
 * @param kinds the attempts, each once; empty: no impostors
 * @param at    virtual time after the start when the attempts are made
 */
public record Impostors(List<ImpostorKind> kinds, Duration at) {

    /** No impostors. */
    public static final Impostors NONE = new Impostors(List.of(), Duration.ZERO);

    public Impostors {
        kinds = List.copyOf(new LinkedHashSet<>(kinds));
        Objects.requireNonNull(at, "at");
        if (at.isNegative()) {
            throw new IllegalArgumentException("impostors.at must be >= 0, was " + at);
        }
    }

    /** Every kind once, {@code at} after the start. */
    public static Impostors everyKind(Duration at) {
        return new Impostors(List.of(ImpostorKind.values()), at);
    }

    public boolean any() {
        return !kinds.isEmpty();
    }

    /** The ids besides the honest cameras' that need a certificate of the fleet CA (their own, not the victim's). */
    public List<String> certificateIds() {
        return kinds.stream().flatMap(k -> k.ownId().stream()).toList();
    }

    /** The ids the fleet CA's CRL must revoke for these attempts. */
    public Set<String> revokedIds() {
        return kinds.contains(ImpostorKind.REVOKED) ? Set.copyOf(ImpostorKind.REVOKED.ownId().stream().toList()) : Set.of();
    }
}
