package io.bodycam.bench.run;

import io.bodycam.bench.fleet.Slot;
import io.bodycam.bench.ledger.store.PutStoreReader;
import io.bodycam.bench.ledger.store.S3StoreReader;
import io.bodycam.bench.ledger.store.SwiftStoreReader;
import io.bodycam.bench.ledger.store.StoreReader;
import io.bodycam.bench.scenario.Backend;
import io.bodycam.bench.scenario.DeviceProfile;
import io.bodycam.bench.scenario.FleetGroup;
import io.bodycam.bench.scenario.Scenario;
import io.bodycam.sim.upload.ConnectionSettings;
import io.bodycam.sim.upload.put.PutClientConfig;
import io.bodycam.sim.upload.s3.S3ClientConfig;
import io.bodycam.sim.upload.swift.SwiftClientConfig;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import java.time.Clock;

/**
 * The reader of a run's foreign store, made from its device profile and upload URL the way the cameras'
 * clients are (docs/backends.md): S3, Swift and PUT can be read back by the bench; tus cannot (no listing, and
 * the server names the uploads).
 */
final class StoreReaders {

    private StoreReaders() {
    }

    /** Why a tus store's figures are the cameras' proofs. */
    static final String TUS_UNREADABLE = "a tus server's uploads can be neither listed nor named from outside, so the "
            + "bench cannot read the store back";

    /** The scenario's store reader, or null for tus (and any protocol without a reader yet). */
    static StoreReader of(Scenario scenario) {
        Backend backend = scenario.backend();
        DeviceProfile profile = backend.profile();
        SSLContext tls = backend.uploadTls() ? RunBackend.observerTls(backend) : null;
        ConnectionSettings connection = ConnectionSettings.builder(backend.upload()).tls(configTls(backend)).build();
        return switch (profile.protocol()) {
            case S3 -> {
                S3ClientConfig config = profile.s3().apply(S3ClientConfig.builder().connection(connection)).build();
                Slot first = Slot.roster(scenario).get(0);
                String agency = agencyOf(scenario, first);
                yield new S3StoreReader(config, () -> config.credentials().forDevice(first.deviceId(), agency), tls,
                        Clock.systemUTC());
            }
            case SWIFT -> {
                SwiftClientConfig config = profile.swift().apply(SwiftClientConfig.builder().connection(connection)).build();
                Slot first = Slot.roster(scenario).get(0);
                String agency = agencyOf(scenario, first);
                yield new SwiftStoreReader(config, () -> config.credentials().forDevice(first.deviceId(), agency), tls);
            }
            case PUT -> new PutStoreReader(profile.put().apply(PutClientConfig.builder().connection(connection)).build(), tls);
            default -> null;
        };
    }

    private static String agencyOf(Scenario scenario, Slot slot) {
        return scenario.fleet().stream().filter(g -> g.name().equals(slot.group())).findFirst()
                .map(FleetGroup::agency).orElseThrow();
    }

    /** Why the bench cannot read a store of {@code profile}'s protocol back ({@link #of} gave no reader). */
    static String unreadable(DeviceProfile profile) {
        return profile.protocol() == DeviceProfile.Protocol.TUS ? TUS_UNREADABLE
                : "the bench has no reader of " + profile.protocol() + " stores yet";
    }

    /**
     * A client config needs a Netty TLS context for an {@code https://} URL; the readers send with
     * {@code java.net.http} and the observer's context, so this one only satisfies the config and sends nothing.
     */
    private static SslContext configTls(Backend backend) {
        if (!backend.uploadTls()) {
            return null;
        }
        try {
            return SslContextBuilder.forClient().build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot make a TLS client context", e);
        }
    }
}
