package io.bodycam.bench.security;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The ways an impostor camera tries to get past the backend (docs/security.md#impostors). Each is one
 * attempt the backend must refuse; {@link #yamlName()} is the scenario's and the metrics' name.
 */
public enum ImpostorKind {
    /** A certificate of the fleet CA that the CA's CRL revokes. */
    REVOKED("revoked"),
    /** A certificate of the fleet CA for the victim's id that expired a month ago. */
    EXPIRED("expired"),
    /** A certificate for the victim's id signed by a CA the backend does not trust. */
    FOREIGN_CA("foreignCa"),
    /** A valid certificate of its own, publishing a status on the victim's topic. */
    OTHER_TOPIC("otherTopic"),
    /** A valid certificate of its own, connecting with the victim's offline Will and then dropping the connection. */
    REPLAY_WILL("replayWill");

    private final String yamlName;

    ImpostorKind(String yamlName) {
        this.yamlName = yamlName;
    }

    /** The name in a scenario's {@code impostors} and under {@code security.} in the metrics. */
    public String yamlName() {
        return yamlName;
    }

    public static Optional<ImpostorKind> byYamlName(String name) {
        return Arrays.stream(values()).filter(k -> k.yamlName.equals(name)).findFirst();
    }

    public static List<String> yamlNames() {
        return Arrays.stream(values()).map(ImpostorKind::yamlName).toList();
    }

    /**
     * The device id whose certificate this kind presents: its own ({@code IMPOSTOR-...}, issued with the
     * fleet's) for the kinds that hold a valid or revoked certificate, the victim's for the others.
     */
    public String certificateId(String victim) {
        return switch (this) {
            case REVOKED -> "IMPOSTOR-REVOKED";
            case OTHER_TOPIC -> "IMPOSTOR-TOPIC";
            case REPLAY_WILL -> "IMPOSTOR-WILL";
            case EXPIRED, FOREIGN_CA -> victim;
        };
    }

    /** The ids that need a certificate of the fleet CA besides the honest cameras'. */
    public static List<String> ownCertificateIds() {
        return List.of(REVOKED.certificateId(null), OTHER_TOPIC.certificateId(null), REPLAY_WILL.certificateId(null));
    }
}
