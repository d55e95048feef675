package io.bodycam.backend.tls;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * What the embedded broker checks of a client certificate at CONNECT, after the TLS handshake has already
 * chained it to the fleet CA: that it is within its validity period now, and that the CA's CRL does not
 * list it (RFC 5280 §5; HiveMQ CE's listener reads no CRL, so the check lives here). The CRL is read once,
 * when the broker starts, and its signature must be the CA's. {@link #commonName} is the identity a client
 * certificate gives: the device id.
 */
public final class ClientCertificatePolicy {

    private final X509CRL crl;
    private final Clock clock;

    private ClientCertificatePolicy(X509CRL crl, Clock clock) {
        this.crl = crl;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The policy of a mutual TLS listener: its CRL (when {@code tls} names one), checked against its CA.
     *
     * @throws IllegalArgumentException when the CRL cannot be read or is not the CA's
     */
    public static ClientCertificatePolicy of(ServerTls tls, Clock clock) {
        if (tls.clientCrl() == null) {
            return new ClientCertificatePolicy(null, clock);
        }
        try {
            return new ClientCertificatePolicy(ServerTls.crl(tls.clientCrl(), tls.clientCa()), clock);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot use the client CRL " + tls.clientCrl() + " of CA " + tls.clientCa()
                    + ": " + e.getMessage(), e);
        }
    }

    /** The subject's CN of a client certificate: the device id it was issued to; empty when it has none. */
    public static Optional<String> commonName(X509Certificate cert) {
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

    /** Why {@code cert} must be refused now, or empty if it may connect. */
    public Optional<String> refusal(X509Certificate cert) {
        Instant now = clock.instant();
        if (now.isAfter(cert.getNotAfter().toInstant())) {
            return Optional.of("certificate expired on " + cert.getNotAfter().toInstant());
        }
        if (now.isBefore(cert.getNotBefore().toInstant())) {
            return Optional.of("certificate not valid before " + cert.getNotBefore().toInstant());
        }
        if (crl != null && crl.isRevoked(cert)) {
            return Optional.of("certificate revoked (serial " + cert.getSerialNumber().toString(16) + ")");
        }
        return Optional.empty();
    }
}
