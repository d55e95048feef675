package io.bodycam.sim.link;

import io.bodycam.sim.upload.DeviceConfigResponse;
import io.bodycam.sim.upload.TimeSample;
import io.bodycam.sim.upload.TusClient;
import io.bodycam.sim.upload.UploadException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The HTTP side services a camera uses besides evidence upload: time sync, configuration and firmware
 * ranges. The reference backend serves them (docs/contract, "HTTP"); a foreign evidence store (S3,
 * Swift, a plain web server) does not, and then {@link #NONE} says so on every call.
 */
public interface BackendServices {

    /** No side services: every call fails with a {@link UploadException.Kind#REJECTED} naming the service. */
    BackendServices NONE = new BackendServices() {
        @Override
        public CompletionStage<TimeSample> time() {
            return absent("time sync");
        }

        @Override
        public CompletionStage<DeviceConfigResponse> config() {
            return absent("device configuration");
        }

        @Override
        public CompletionStage<byte[]> firmware(String path, long offset, int length) {
            return absent("firmware download");
        }

        private <T> CompletionStage<T> absent(String what) {
            return CompletableFuture.failedFuture(new UploadException(UploadException.Kind.REJECTED,
                    what + " is not offered by this backend"));
        }
    };

    /** {@code GET /time}: the backend's clock, and the round trip it took (virtual ms). */
    CompletionStage<TimeSample> time();

    /** {@code GET /devices/{id}/config}. */
    CompletionStage<DeviceConfigResponse> config();

    /** Bytes {@code offset .. offset + length - 1} of the firmware image at {@code path} (ranged GET). */
    CompletionStage<byte[]> firmware(String path, long offset, int length);

    /** The reference contract's services over a camera's tus client. */
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
