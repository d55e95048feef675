package io.bodycam.backend.broker;

import io.bodycam.backend.tls.ClientCertificatePolicy;
import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.auth.SimpleAuthenticator;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthInput;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthOutput;
import com.hivemq.extension.sdk.api.auth.parameter.TopicPermission;
import com.hivemq.extension.sdk.api.packets.auth.DefaultAuthorizationBehaviour;
import com.hivemq.extension.sdk.api.packets.auth.ModifiableDefaultPermissions;
import com.hivemq.extension.sdk.api.packets.connect.ConnackReasonCode;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;
import com.hivemq.extension.sdk.api.services.builder.Builders;

import java.security.cert.X509Certificate;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A HiveMQ extension run inside the embedded broker. With a {@link ClientCertificatePolicy} it refuses at
 * CONNECT a client certificate that is expired or revoked. With own topics only, each client may publish
 * and subscribe only under its own device's topics, {@code bwc/v1/+/ID/#} (docs/contract/README.md), where
 * ID is the subject CN of its TLS client certificate or, without one, its MQTT username. The privileged
 * identities (the bench observer) may use every topic. A client with no identity, or one that is not a
 * valid topic level, is refused at CONNECT; anything outside its permissions is refused by HiveMQ (MQTT 3:
 * the connection is closed; MQTT 5: a negative acknowledgement).
 */
final class DeviceTopicsExtension implements ExtensionMain {

    private static final Logger log = LoggerFactory.getLogger(DeviceTopicsExtension.class);

    private final Set<String> privileged;
    private final ClientCertificatePolicy certificates;

    /**
     * @param privileged   identities allowed every topic; {@code null}: no topic rule (every client every topic)
     * @param certificates checks of client certificates; {@code null}: none beyond the TLS handshake
     */
    DeviceTopicsExtension(Set<String> privileged, ClientCertificatePolicy certificates) {
        this.privileged = privileged == null ? null : Set.copyOf(privileged);
        this.certificates = certificates;
    }

    @Override
    public void extensionStart(ExtensionStartInput input, ExtensionStartOutput output) {
        Services.securityRegistry().setAuthenticatorProvider(providerInput -> (SimpleAuthenticator) this::authenticate);
    }

    @Override
    public void extensionStop(ExtensionStopInput input, ExtensionStopOutput output) {
        // nothing to release: the authenticator holds no resources
    }

    private void authenticate(SimpleAuthInput input, SimpleAuthOutput output) {
        Optional<X509Certificate> cert = input.getConnectionInformation().getClientTlsInformation()
                .flatMap(tls -> tls.getClientCertificate());
        Optional<String> refusal = certificates == null ? Optional.empty() : cert.flatMap(certificates::refusal);
        if (refusal.isPresent()) {
            log.debug("refused client {}: {}", input.getClientInformation().getClientId(), refusal.get());
            output.failAuthentication(ConnackReasonCode.NOT_AUTHORIZED, refusal.get());
            return;
        }
        if (privileged == null) {
            output.authenticateSuccessfully();
            return;
        }
        Optional<String> identity = cert.flatMap(ClientCertificatePolicy::commonName).or(() -> input.getConnectPacket().getUserName());
        if (identity.isEmpty() || !validLevel(identity.get())) {
            output.failAuthentication(ConnackReasonCode.NOT_AUTHORIZED, "no usable identity (certificate CN or username)");
            return;
        }
        String id = identity.get();
        ModifiableDefaultPermissions permissions = output.getDefaultPermissions();
        permissions.setDefaultBehaviour(DefaultAuthorizationBehaviour.DENY);
        permissions.add(Builders.topicPermission()
                .topicFilter(privileged.contains(id) ? "#" : deviceFilter(id))
                .type(TopicPermission.PermissionType.ALLOW)
                .activity(TopicPermission.MqttActivity.ALL)
                .build());
        output.authenticateSuccessfully();
    }

    /** The topics device {@code id} may use. */
    static String deviceFilter(String id) {
        return "bwc/v1/+/" + id + "/#";
    }

    /** True if {@code id} can stand as one topic level (no wildcard, no separator, not empty). */
    static boolean validLevel(String id) {
        return !id.isEmpty() && id.chars().noneMatch(c -> c == '/' || c == '+' || c == '#' || c == 0);
    }
}
