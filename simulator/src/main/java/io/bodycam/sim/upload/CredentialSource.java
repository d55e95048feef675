package io.bodycam.sim.upload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where each camera's {@link Credentials} come from: templates over the device's fields (one secret
 * scheme for a fleet, e.g. id {@code cam-{deviceId}}), or a file with one line per device. Resolved when
 * a camera's client is made, never on an event loop.
 */
@FunctionalInterface
public interface CredentialSource {

    /**
     * The credentials of {@code deviceId} (of {@code agency}).
     *
     * @throws IllegalArgumentException when this source has none for the device
     */
    Credentials forDevice(String deviceId, String agency);

    /** The same credentials for every camera. */
    static CredentialSource fixed(Credentials credentials) {
        Objects.requireNonNull(credentials, "credentials");
        return (deviceId, agency) -> credentials;
    }

    /** Credentials from two templates that may use {@code {deviceId}} and {@code {agency}}. */
    static CredentialSource templates(String idTemplate, String secretTemplate) {
        NameTemplate id = NameTemplate.parse("credential id template", idTemplate);
        NameTemplate secret = NameTemplate.parse("credential secret template", secretTemplate);
        return (deviceId, agency) -> {
            Map<String, String> values = Map.of("deviceId", deviceId, "agency", agency);
            return new Credentials(id.expand(values), secret.expand(values));
        };
    }

    /**
     * Credentials from a file read now: one line per camera, {@code deviceId id secret} separated by
     * blanks; blank lines and lines starting with {@code #} are skipped.
     *
     * @throws IllegalArgumentException naming the file and line of a malformed line or a repeated device
     * @throws UncheckedIOException     when the file cannot be read
     */
    static CredentialSource file(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read credentials file " + file, e);
        }
        Map<String, Credentials> byDevice = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("\\s+");
            if (fields.length != 3) {
                throw new IllegalArgumentException(file + ":" + (i + 1) + ": expected 'deviceId id secret', found "
                        + fields.length + " fields");
            }
            if (byDevice.put(fields[0], new Credentials(fields[1], fields[2])) != null) {
                throw new IllegalArgumentException(file + ":" + (i + 1) + ": device " + fields[0] + " is listed twice");
            }
        }
        Map<String, Credentials> frozen = Map.copyOf(byDevice);
        return (deviceId, agency) -> {
            Credentials c = frozen.get(deviceId);
            if (c == null) {
                throw new IllegalArgumentException("credentials file " + file + " has no line for device " + deviceId);
            }
            return c;
        };
    }
}
