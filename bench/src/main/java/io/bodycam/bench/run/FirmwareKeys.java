package io.bodycam.bench.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bodycam.bench.scenario.Backend;
import io.bodycam.sim.firmware.FirmwareTrust;
import io.bodycam.sim.link.SideService;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Where an external backend's firmware signing key comes from: {@code backend.firmwareKey} when the
 * scenario gives it, else, when the profile offers the firmware service, the backend's own
 * {@code GET /firmware/key} (the reference contract's, below the services' URL and its path), read once before the
 * cameras are built, on the runner's thread. Without either the cameras trust no firmware and refuse
 * every {@code updateFirmware} offer; the run says so.
 */
final class FirmwareKeys {

    private static final ObjectMapper JSON = new ObjectMapper();

    private FirmwareKeys() {
    }

    /** The key the cameras of an external backend trust, or null (the console told why). */
    static String external(Backend backend, PrintWriter console) {
        if (backend.firmwareKey() != null || !backend.profile().services().contains(SideService.FIRMWARE)) {
            return backend.firmwareKey();
        }
        URI base = backend.servicesUrl();
        String path = base.getRawPath() == null ? "" : base.getRawPath().replaceAll("/+$", "");
        URI at = base.resolve(path + "/firmware/key");
        try {
            HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10));
            if (backend.uploadTls()) {
                b.sslContext(RunBackend.observerTls(backend));
            }
            HttpResponse<byte[]> r = b.build().send(HttpRequest.newBuilder(at).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200) {
                throw new IOException("answered " + r.statusCode());
            }
            JsonNode key = JSON.readTree(r.body()).path("publicKey");
            if (!key.isTextual()) {
                throw new IOException("answered no publicKey");
            }
            FirmwareTrust.of(key.textValue());
            console.println("firmware key read from " + at + " (the profile offers the firmware service)");
            return key.textValue();
        } catch (IOException | IllegalArgumentException e) {
            console.println("bodycam: the backend's firmware key could not be read from " + at + " (" + e.getMessage()
                    + "): the cameras will refuse every updateFirmware offer; give it as backend.firmwareKey");
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the firmware key from " + at, e);
        }
    }
}
