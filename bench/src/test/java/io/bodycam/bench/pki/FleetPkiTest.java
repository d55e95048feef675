package io.bodycam.bench.pki;

import io.netty.handler.ssl.SslContextBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FleetPkiTest {

    @TempDir
    Path dir;

    @Test
    void each_camera_gets_a_certificate_signed_by_the_fleet_ca_naming_its_device_id() throws Exception {
        FleetPki.Result r = new FleetPki(Clock.systemUTC()).create(dir, List.of("CAM-0001", "CAM-0002", "CAM-0003"), 2);
        PkiLayout l = r.layout();
        X509Certificate ca = read(l.caCert());
        for (String id : List.of("CAM-0001", "CAM-0002", "CAM-0003")) {
            X509Certificate c = read(l.deviceCert(id));
            c.verify(ca.getPublicKey());
            c.checkValidity();
            assertEquals("CN=" + id, c.getSubjectX500Principal().getName());
            SslContextBuilder.forClient().keyManager(l.deviceCert(id).toFile(), l.deviceKey(id).toFile()).build();
        }
        assertEquals(3, r.devices());
        assertTrue(Files.readString(l.manifest()).contains("  - CAM-0002\n"), "manifest lists the devices");
    }

    @Test
    void server_certificate_names_loopback_and_the_negative_certificates_fail_as_they_should() throws Exception {
        PkiLayout l = new FleetPki(Clock.systemUTC()).create(dir, List.of("CAM-0001"), 1).layout();
        X509Certificate ca = read(l.caCert());
        X509Certificate server = read(l.serverCert());
        server.verify(ca.getPublicKey());
        String sans = String.valueOf(server.getSubjectAlternativeNames());
        assertTrue(sans.contains("localhost") && sans.contains("127.0.0.1"), "SANs were " + sans);
        assertEquals("CN=" + PkiLayout.OBSERVER_CN, read(l.observerCert()).getSubjectX500Principal().getName());

        X509Certificate foreign = read(l.foreignDir().resolve("CAM-0001.pem"));
        assertEquals("CN=CAM-0001", foreign.getSubjectX500Principal().getName());
        assertNotEquals(ca.getSubjectX500Principal(), foreign.getIssuerX500Principal());
        assertThrows(java.security.SignatureException.class, () -> foreign.verify(ca.getPublicKey()));
        X509Certificate expired = read(l.expiredDir().resolve("CAM-0001.pem"));
        expired.verify(ca.getPublicKey());
        assertThrows(CertificateExpiredException.class, expired::checkValidity);
    }

    @Test
    void the_crl_revokes_exactly_the_chosen_devices() throws Exception {
        PkiLayout l = new FleetPki(Clock.systemUTC())
                .create(dir, List.of("CAM-0001", "CAM-0002", "CAM-0003"), Set.of("CAM-0002"), 2).layout();
        X509CRL crl;
        try (InputStream in = Files.newInputStream(l.crl())) {
            crl = (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(in);
        }
        crl.verify(read(l.caCert()).getPublicKey());
        assertTrue(crl.isRevoked(read(l.deviceCert("CAM-0002"))));
        assertFalse(crl.isRevoked(read(l.deviceCert("CAM-0001"))));
        assertFalse(crl.isRevoked(read(l.deviceCert("CAM-0003"))));
        assertTrue(Files.readString(l.manifest()).contains("revoked: [CAM-0002]\n"));
        assertThrows(IllegalArgumentException.class,
                () -> new FleetPki(Clock.systemUTC()).create(dir, List.of("CAM-0001"), Set.of("CAM-0009"), 1));
    }

    private static X509Certificate read(Path p) throws Exception {
        try (InputStream in = Files.newInputStream(p)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }
}
