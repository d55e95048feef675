package io.bodycam.bench.scenario;

import io.bodycam.backend.http.ReadBackStore;
import io.bodycam.sim.link.Proof;
import io.bodycam.sim.upload.ConnectionSettings;
import io.bodycam.sim.upload.Credentials;
import io.bodycam.sim.upload.put.PutClientConfig;
import io.bodycam.sim.upload.s3.S3ClientConfig;
import io.bodycam.sim.upload.swift.SwiftClientConfig;

import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the embedded evidence server stores for a device profile whose cameras prove a segment by reading it
 * back (docs/backends.md): the profile's protocol with the settings the server needs from it, as plain values
 * ({@link ReadBackStore}). The reference profile needs none: its proof is the server's verdict.
 */
public final class EmbeddedReadBack {

    /** Any URL: the profile's settings are read from clients configured against it, never used to connect. */
    private static final ConnectionSettings NOWHERE = ConnectionSettings.builder(URI.create("http://127.0.0.1:1")).build();

    private EmbeddedReadBack() {
    }

    /**
     * The store for {@code profile} in {@code folder}, or null for a tus profile that reads nothing back (the
     * reference one, proved by the server's verdict). {@code s3Secrets}: the secret of each S3 access key id the cameras use.
     *
     * @throws IllegalArgumentException when the embedded server cannot serve the profile, with the reason
     */
    public static ReadBackStore store(DeviceProfile profile, Path folder, Map<String, String> s3Secrets) {
        return switch (profile.protocol()) {
            case TUS -> profile.proof() != Proof.READ_BACK ? null : ReadBackStore.tus(folder);
            case PUT -> ReadBackStore.put(folder, put(profile).pathTemplate().toString());
            case S3 -> {
                S3ClientConfig s3 = s3(profile);
                yield ReadBackStore.s3(folder, s3.bucket(), s3.region(), s3Secrets);
            }
            case SWIFT -> ReadBackStore.swift(folder, profile.swift().apply(SwiftClientConfig.builder().connection(NOWHERE))
                    .build().authPath());
        };
    }

    /** The store for {@code scenario}'s cameras, in {@code folder}; null when its profile needs none. */
    public static ReadBackStore forRun(Scenario scenario, Path folder) {
        DeviceProfile profile = scenario.backend().profile();
        Map<String, String> secrets = new LinkedHashMap<>();
        if (profile.protocol() == DeviceProfile.Protocol.S3) {
            S3ClientConfig s3 = s3(profile);
            int index = 0;
            for (FleetGroup g : scenario.fleet()) {
                for (int k = 0; k < g.count(); k++) {
                    Credentials c = s3.credentials().forDevice(g.deviceId(++index), g.agency());
                    secrets.put(c.id(), c.secret());
                }
            }
        }
        return store(profile, folder, secrets);
    }

    /**
     * The store for {@code profile} on a backend that serves whichever cameras come ({@code bodycam backend
     * --profile}), in {@code folder}; null when the profile needs none.
     *
     * @throws IllegalArgumentException when the server cannot serve the profile, or its S3 credentials differ
     *                                  per camera (only a run knows its cameras)
     */
    public static ReadBackStore standalone(DeviceProfile profile, Path folder) {
        Map<String, String> secrets = new LinkedHashMap<>();
        if (profile.protocol() == DeviceProfile.Protocol.S3) {
            var source = s3(profile).credentials();
            Credentials one;
            try {
                one = source.forDevice("CAM-A", "agency-a");
                if (!one.equals(source.forDevice("CAM-B", "agency-b"))) {
                    throw new IllegalArgumentException("differ per camera");
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("profile " + profile.name() + " gives each camera its own S3 "
                        + "credentials; on its own the backend knows no cameras: use fixed accessKey and secretKey", e);
            }
            secrets.put(one.id(), one.secret());
        }
        return store(profile, folder, secrets);
    }

    private static PutClientConfig put(DeviceProfile profile) {
        return profile.put().apply(PutClientConfig.builder().connection(NOWHERE)).build();
    }

    private static S3ClientConfig s3(DeviceProfile profile) {
        return profile.s3().apply(S3ClientConfig.builder().connection(NOWHERE)).build();
    }
}
