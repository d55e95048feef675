package io.bodycam.backend.broker;

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
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * A HiveMQ extension run inside the embedded broker: each client may publish and subscribe only under
 * its own device's topics, {@code bwc/v1/+/ID/#} (docs/contract/README.md), where ID is the subject CN of
 * its TLS client certificate or, without one, its MQTT username. The privileged identities (the bench
 * observer) may use every topic. A client with no identity, or one that is not a valid topic level, is
 * refused at CONNECT; anything outside its permissions is refused by HiveMQ (MQTT 3: the connection is
 * closed; MQTT 5: a negative acknowledgement).
 */
final class DeviceTopicsExtension implements ExtensionMain {

    private final Set<String> privileged;

    DeviceTopicsExtension(Set<String> privileged) {
        this.privileged = Set.copyOf(privileged);
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
        Optional<String> identity = identity(input);
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

    private static Optional<String> identity(SimpleAuthInput input) {
        Optional<String> cn = input.getConnectionInformation().getClientTlsInformation()
                .flatMap(tls -> tls.getClientCertificate())
                .flatMap(DeviceTopicsExtension::commonName);
        if (cn.isPresent()) {
            return cn;
        }
        return input.getConnectPacket().getUserName();
    }

    static Optional<String> commonName(X509Certificate cert) {
        try {
            LdapName name = new LdapName(cert.getSubjectX500Principal().getName());
            for (Rdn rdn : name.getRdns()) {
                if ("CN".equalsIgnoreCase(rdn.getType())) {
                    return Optional.of(String.valueOf(rdn.getValue()));
                }
            }
            return Optional.empty();
        } catch (InvalidNameException e) {
            return Optional.empty();
        }
    }
}
