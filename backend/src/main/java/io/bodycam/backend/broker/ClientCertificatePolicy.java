package io.bodycam.backend.broker;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What the embedded broker checks of a client certificate at CONNECT, after the TLS handshake has already
 * chained it to the fleet CA: that it is within its validity period now, and that the CA's CRL does not
 * list it (RFC 5280 §5; HiveMQ CE's listener reads no CRL, so the check lives here). The CRL is read once,
 * when the broker starts, and its signature must be the CA's.
 */
final class ClientCertificatePolicy {

    private final X509CRL crl;
    private final Clock clock;

    private ClientCertificatePolicy(X509CRL crl, Clock clock) {
        this.crl = crl;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The policy of a mutual TLS listener: its CRL (when {@code tls} names one), checked against its CA. */
    static ClientCertificatePolicy of(BrokerTls tls, Clock clock) {
        if (tls.clientCrl() == null) {
            return new ClientCertificatePolicy(null, clock);
        }
        try (InputStream in = Files.newInputStream(tls.clientCrl())) {
            X509CRL crl = (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(in);
            X509Certificate ca = (X509Certificate) BrokerTls.certificates(tls.clientCa()).iterator().next();
            crl.verify(ca.getPublicKey());
            return new ClientCertificatePolicy(crl, clock);
        } catch (IOException | GeneralSecurityException e) {
            throw new BrokerStartException("cannot use the client CRL " + tls.clientCrl() + " of CA " + tls.clientCa()
                    + ": " + e.getMessage(), e);
        }
    }

    /** Why {@code cert} must be refused now, or empty if it may connect. */
    Optional<String> refusal(X509Certificate cert) {
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
