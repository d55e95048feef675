package io.bodycam.bench.scenario;

import io.bodycam.sim.link.Proof;
import io.bodycam.sim.link.SideService;
import io.bodycam.sim.link.TopicScheme;
import io.bodycam.sim.upload.put.PutClientConfig;
import io.bodycam.sim.upload.s3.S3ClientConfig;
import io.bodycam.sim.upload.swift.SwiftClientConfig;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * How a camera speaks to one kind of backend (a file under {@code profiles/}, chosen with
 * {@code backend.profile}; docs/backends.md): its MQTT topics, its upload protocol with the proof that
 * lets it delete a segment, and whether the backend offers the reference contract's time, config and
 * firmware services. Not to be confused with {@link Profile}, a kind of officer in the fleet.
 *
 * @param s3       for {@link Protocol#S3}: the bucket settings over the run's upload URL; null otherwise
 * @param put      for {@link Protocol#PUT}: method, path template and headers over the run's upload URL; null otherwise
 * @param swift    for {@link Protocol#SWIFT}: auth path and credentials over the run's upload URL; null otherwise
 * @param services which of the reference contract's time, config and firmware services the backend offers
 */
public record DeviceProfile(String name, TopicScheme topics, Protocol protocol, Proof proof,
                            UnaryOperator<S3ClientConfig.Builder> s3, UnaryOperator<PutClientConfig.Builder> put,
                            UnaryOperator<SwiftClientConfig.Builder> swift, Set<SideService> services) {

    /** The upload protocols a profile can choose. */
    public enum Protocol { TUS, S3, PUT, SWIFT }

    /** The reference contract, as {@code profiles/bwc-v1.yaml} says it: the default. */
    public static final DeviceProfile REFERENCE =
            new DeviceProfile("bwc-v1", TopicScheme.REFERENCE, Protocol.TUS, Proof.VERDICT, null, null, null, EnumSet.allOf(SideService.class));

    public DeviceProfile {
        Objects.requireNonNull(name, "profile name");
        Objects.requireNonNull(topics, "topics");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(proof, "proof");
        services = services.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(services));
        if (protocol == Protocol.S3 && s3 == null) {
            throw new IllegalArgumentException("an s3 profile needs its bucket settings");
        }
        if (protocol == Protocol.PUT && put == null) {
            throw new IllegalArgumentException("a put profile needs its request settings");
        }
        if (protocol == Protocol.SWIFT && swift == null) {
            throw new IllegalArgumentException("a swift profile needs its auth settings");
        }
        if (protocol != Protocol.TUS && proof == Proof.VERDICT) {
            throw new IllegalArgumentException("proof verdict needs the reference backend's /evidence, which only "
                    + "comes with tus; use read-back, server-checksum or none");
        }
        if (proof == Proof.VERDICT && services.size() < SideService.values().length) {
            throw new IllegalArgumentException("proof verdict asks the reference backend's /evidence, which comes with "
                    + "its services: list services [time, config, firmware], or use read-back, server-checksum or none");
        }
    }

    /** Whether the backend offers all three side services: the reference backend, with its {@code /evidence}. */
    public boolean referenceServices() {
        return services.size() == SideService.values().length;
    }
}
