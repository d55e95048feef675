package io.bodycam.bench.scenario;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The ways an impostor camera tries to get past the backend (docs/security.md#impostors). Each is one
 * attempt the backend must refuse; {@link #yamlName()} is its name in a scenario and in the metrics. All
 * but {@link #OTHER_UPLOAD} go at the broker; that one goes at the upload server.
 */
public enum ImpostorKind {
    /** A certificate of the fleet CA that the CA's CRL revokes. */
    REVOKED("revoked", "IMPOSTOR-REVOKED"),
    /** A certificate of the fleet CA for the victim's id that expired a month ago. */
    EXPIRED("expired", null),
    /** A certificate for the victim's id signed by a CA the backend does not trust. */
    FOREIGN_CA("foreignCa", null),
    /** A valid certificate of its own, publishing a status on the victim's topic. */
    OTHER_TOPIC("otherTopic", "IMPOSTOR-TOPIC"),
    /** A valid certificate of its own, connecting with the victim's offline Will and then dropping the connection. */
    REPLAY_WILL("replayWill", "IMPOSTOR-WILL"),
    /** A valid certificate of its own, uploading evidence (tus creation) that names the victim as its device. */
    OTHER_UPLOAD("otherUpload", "IMPOSTOR-UPLOAD");

    private final String yamlName;
    private final String ownId;

    ImpostorKind(String yamlName, String ownId) {
        this.yamlName = yamlName;
        this.ownId = ownId;
    }

    /** The name in a scenario's {@code impostors.kinds} and under {@code security.} in the metrics. */
    public String yamlName() {
        return yamlName;
    }

    /**
     * The device id of the certificate this kind holds in the fleet's pki folder, issued with the fleet's
     * ({@code IMPOSTOR-...}); empty for the kinds that present a bad certificate for the victim's id.
     */
    public Optional<String> ownId() {
        return Optional.ofNullable(ownId);
    }

    /** The device id in the certificate this kind presents when it goes after {@code victim}. */
    public String certificateId(String victim) {
        return ownId != null ? ownId : victim;
    }

    /** Whether the attempt goes at the upload server rather than the broker. */
    public boolean upload() {
        return this == OTHER_UPLOAD;
    }

    public static Optional<ImpostorKind> byYamlName(String name) {
        return Arrays.stream(values()).filter(k -> k.yamlName.equals(name)).findFirst();
    }

    public static List<String> yamlNames() {
        return Arrays.stream(values()).map(ImpostorKind::yamlName).toList();
    }
}
