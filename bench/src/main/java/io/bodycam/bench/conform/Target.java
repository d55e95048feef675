package io.bodycam.bench.conform;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The backend under test: its broker, its upload base (tus at {@code /files/}), the optional
 * capabilities it claims, the bound it claims for a request head, and the camera it offers firmware. A
 * case that needs a capability not claimed is NOT APPLICABLE, not failed.
 *
 * @param capabilities   any of {@link #CAPABILITIES}
 * @param headDeadline   how long the server lets a request head take before it cuts the client off
 *                       (what {@link #HEAD_DEADLINE} claims; the contract's 30 s unless said otherwise)
 * @param firmwareDevice a device id whose {@code GET /devices/{id}/config} carries a firmware offer;
 *                       nullable, required when {@link #FIRMWARE} is claimed
 * @param brokerRestart  how the kit restarts the broker; nullable, required when {@link #BROKER_RESTART} is claimed
 */
public record Target(URI mqtt, URI upload, Set<String> capabilities, Duration headDeadline, String firmwareDevice,
                     BrokerRestart brokerRestart) {

    /** tus checksum extension with sha256. */
    public static final String CHECKSUM = "checksum";
    /** {@code GET /evidence/{deviceId}/{segmentId}} answers the contract's verdict. */
    public static final String VERDICT = "verdict";
    /** tus termination ({@code DELETE /files/{id}}). */
    public static final String TERMINATION = "termination";
    /** The broker lets a client publish only under its own device id. */
    public static final String TOPIC_ACL = "topic-acl";
    /** {@code OPTIONS /files/} announces {@code Tus-Max-Size}, and a larger upload is refused. */
    public static final String MAX_SIZE = "max-size";
    /** A request head that takes longer than {@link #headDeadline()} is answered 408 or cut off (slow-loris guard). */
    public static final String HEAD_DEADLINE = "head-deadline";
    /** {@code GET /time} answers the backend's clock, which cameras set theirs by. */
    public static final String TIME = "time";
    /**
     * Signed firmware: {@code GET /firmware/key}, the offer in a camera's config answer, the image in byte
     * ranges at the offer's url.
     */
    public static final String FIRMWARE = "firmware";
    /**
     * The broker keeps retained messages across a restart, and the kit may restart it ({@link #brokerRestart()}:
     * the capability file's {@code brokerRestart} command).
     */
    public static final String BROKER_RESTART = "broker-restart";
    /** Every capability a backend can claim. */
    public static final Set<String> CAPABILITIES = Set.of(CHECKSUM, VERDICT, TERMINATION, TOPIC_ACL, MAX_SIZE,
            HEAD_DEADLINE, TIME, FIRMWARE, BROKER_RESTART);
    /** What the kit takes as a device id it is told of: one topic level, one path segment. */
    static final Pattern DEVICE_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    /** The head deadline of the contract (docs/contract, "HTTP"). */
    public static final Duration CONTRACT_HEAD_DEADLINE = Duration.ofSeconds(30);

    public Target {
        Objects.requireNonNull(mqtt, "mqtt");
        Objects.requireNonNull(upload, "upload");
        Objects.requireNonNull(headDeadline, "head deadline");
        capabilities = Set.copyOf(capabilities);
        for (String c : capabilities) {
            if (!CAPABILITIES.contains(c)) {
                throw new IllegalArgumentException("unknown capability '" + c + "' (known: "
                        + String.join(", ", CAPABILITIES.stream().sorted().toList()) + ")");
            }
        }
        if (!"tcp".equals(mqtt.getScheme())) {
            throw new IllegalArgumentException("mqtt must be tcp://host:port, was " + mqtt);
        }
        if (!"http".equals(upload.getScheme())) {
            throw new IllegalArgumentException("upload must be http://host:port, was " + upload);
        }
        if (headDeadline.compareTo(Duration.ofMillis(100)) < 0 || headDeadline.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new IllegalArgumentException("head deadline must be 100 ms..10 min, was " + headDeadline);
        }
        if (capabilities.contains(FIRMWARE) && (firmwareDevice == null || !DEVICE_ID.matcher(firmwareDevice).matches())) {
            throw new IllegalArgumentException("firmware is claimed: name the device whose config carries a firmware offer"
                    + " (letters, digits, '.', '_', '-'), was " + (firmwareDevice == null ? "none" : "'" + firmwareDevice + "'"));
        }
        if (capabilities.contains(BROKER_RESTART) && brokerRestart == null) {
            throw new IllegalArgumentException("broker-restart is claimed: say how the kit restarts the broker (brokerRestart)");
        }
    }

    /** A target that claims no broker restart, or cannot be restarted by the kit. */
    public Target(URI mqtt, URI upload, Set<String> capabilities, Duration headDeadline, String firmwareDevice) {
        this(mqtt, upload, capabilities, headDeadline, firmwareDevice, null);
    }

    /** A target whose head deadline, if claimed, is the contract's 30 s, and which offers no firmware. */
    public Target(URI mqtt, URI upload, Set<String> capabilities) {
        this(mqtt, upload, capabilities, CONTRACT_HEAD_DEADLINE, null, null);
    }

    public boolean claims(String capability) {
        return capabilities.contains(capability);
    }
}
