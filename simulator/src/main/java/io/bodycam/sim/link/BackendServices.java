package io.bodycam.sim.link;

import io.bodycam.sim.upload.DeviceConfigResponse;
import io.bodycam.sim.upload.TimeSample;
import io.bodycam.sim.upload.TusClient;
import io.bodycam.sim.upload.UploadException;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The HTTP side services a camera uses besides evidence upload: time sync, configuration and firmware
 * ranges. The reference backend serves them (docs/contract, "HTTP"); a foreign evidence store (S3,
 * Swift, a plain web server) does not, and then {@link #NONE} says so on every call.
 */
public interface BackendServices {

    /** No side services: every call fails with a {@link UploadException.Kind#REJECTED} naming the service. */
    BackendServices NONE = only(null, Set.of());

    /** {@code GET /time}: the backend's clock, and the round trip it took (virtual ms). */
    CompletionStage<TimeSample> time();

    /** {@code GET /devices/{id}/config}. */
    CompletionStage<DeviceConfigResponse> config();

    /** Bytes {@code offset .. offset + length - 1} of the firmware image at {@code path} (ranged GET). */
    CompletionStage<byte[]> firmware(String path, long offset, int length);

    /**
     * The link's connections are gone (reboot, power loss, undock): a client of the services' own stops
     * what it has in flight. Services over the upload link's own client leave that to the link.
     */
    default void interrupt(String reason) {
    }

    /** The camera has nothing to send for now: a client of the services' own gives back its idle connections. */
    default void disconnectIdle() {
    }

    /** The camera is done: a client of the services' own closes. */
    default void close() {
    }

    /**
     * {@code from}'s services of {@code offered}; every other call fails with a
     * {@link UploadException.Kind#REJECTED} naming the service (as a backend that does not offer it would).
     */
    static BackendServices only(BackendServices from, Set<SideService> offered) {
        Set<SideService> on = offered.isEmpty() ? Set.of() : EnumSet.copyOf(offered);
        return new BackendServices() {
            @Override
            public CompletionStage<TimeSample> time() {
                return on.contains(SideService.TIME) ? from.time() : absent("time sync");
            }

            @Override
            public CompletionStage<DeviceConfigResponse> config() {
                return on.contains(SideService.CONFIG) ? from.config() : absent("device configuration");
            }

            @Override
            public CompletionStage<byte[]> firmware(String path, long offset, int length) {
                return on.contains(SideService.FIRMWARE) ? from.firmware(path, offset, length) : absent("firmware download");
            }

            @Override
            public void interrupt(String reason) {
                if (from != null) {
                    from.interrupt(reason);
                }
            }

            @Override
            public void disconnectIdle() {
                if (from != null) {
                    from.disconnectIdle();
                }
            }

            @Override
            public void close() {
                if (from != null) {
                    from.close();
                }
            }

            private <T> CompletionStage<T> absent(String what) {
                return CompletableFuture.failedFuture(new UploadException(UploadException.Kind.REJECTED,
                        what + " is not offered by this backend"));
            }
        };
    }

    /**
     * The reference contract's services over a client of their own (at a base URL apart from the uploads,
     * for a protocol other than tus), which this closes, interrupts and idles.
     */
    static BackendServices own(TusClient client, String deviceId) {
        BackendServices over = reference(client, deviceId);
        return new BackendServices() {
            @Override
            public CompletionStage<TimeSample> time() {
                return over.time();
            }

            @Override
            public CompletionStage<DeviceConfigResponse> config() {
                return over.config();
            }

            @Override
            public CompletionStage<byte[]> firmware(String path, long offset, int length) {
                return over.firmware(path, offset, length);
            }

            @Override
            public void interrupt(String reason) {
                client.interrupt(reason);
            }

            @Override
            public void disconnectIdle() {
                client.disconnectIdle();
            }

            @Override
            public void close() {
                client.close();
            }
        };
    }

    /** The reference contract's services over a camera's tus client (the upload link's own, which the link manages). */
    static BackendServices reference(TusClient client, String deviceId) {
        return new BackendServices() {
            @Override
            public CompletionStage<TimeSample> time() {
                return client.time();
            }

            @Override
            public CompletionStage<DeviceConfigResponse> config() {
                return client.config(deviceId);
            }

            @Override
            public CompletionStage<byte[]> firmware(String path, long offset, int length) {
                return client.download(path, offset, length);
            }
        };
    }
}
