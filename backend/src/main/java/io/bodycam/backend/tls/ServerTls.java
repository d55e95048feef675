package io.bodycam.backend.tls;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.X509CRL;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.CertPathTrustManagerParameters;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS for a listener of the embedded backend (the broker's, the evidence server's), from PEM files (the
 * layout {@code bodycam pki create} writes: docs/security.md): the server certificate and its unencrypted
 * PKCS#8 key, and, for mutual TLS, the CA whose certificates clients must present and its CRL.
 *
 * @param serverCert PEM certificate (chain) the server presents
 * @param serverKey  its PEM PKCS#8 private key (EC or RSA)
 * @param clientCa   PEM CA clients' certificates must chain to; {@code null}: no client certificate asked
 * @param clientCrl  PEM CRL of that CA: a client certificate it lists is refused; {@code null}: none
 */
public record ServerTls(Path serverCert, Path serverKey, Path clientCa, Path clientCrl) {

    public ServerTls {
        Objects.requireNonNull(serverCert, "serverCert");
        Objects.requireNonNull(serverKey, "serverKey");
        if (clientCrl != null && clientCa == null) {
            throw new IllegalArgumentException("a client CRL needs the client CA it belongs to");
        }
    }

    /**
     * TLS with the server certificate of a {@code bodycam pki} folder; if {@code mutual}, mutual TLS against
     * its CA ({@code ca.pem}), refusing the certificates its CRL ({@code crl.pem}, when there is one) revokes.
     */
    public static ServerTls fromPki(Path pkiDir, boolean mutual) {
        Path crl = pkiDir.resolve("crl.pem");
        return new ServerTls(pkiDir.resolve("server.pem"), pkiDir.resolve("server.key"),
                mutual ? pkiDir.resolve("ca.pem") : null, mutual && Files.isRegularFile(crl) ? crl : null);
    }

    /** True if clients must present a certificate signed by {@link #clientCa()}. */
    public boolean mutual() {
        return clientCa != null;
    }

    /** Every certificate of a PEM file. */
    public static Collection<? extends Certificate> certificates(Path pem) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(pem)) {
            Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certs.isEmpty()) {
                throw new GeneralSecurityException("no certificate in " + pem);
            }
            return certs;
        }
    }

    /** An unencrypted PKCS#8 PEM private key ({@code BEGIN PRIVATE KEY}), EC or RSA. */
    public static PrivateKey privateKey(Path pem) throws IOException, GeneralSecurityException {
        String text = Files.readString(pem, StandardCharsets.US_ASCII);
        int begin = text.indexOf("-----BEGIN PRIVATE KEY-----");
        int end = text.indexOf("-----END PRIVATE KEY-----");
        if (begin < 0 || end < begin) {
            throw new GeneralSecurityException(pem + " holds no unencrypted PKCS#8 key (BEGIN PRIVATE KEY)");
        }
        byte[] der = Base64.getMimeDecoder().decode(text.substring(begin + "-----BEGIN PRIVATE KEY-----".length(), end));
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
        try {
            return KeyFactory.getInstance("EC").generatePrivate(spec);
        } catch (GeneralSecurityException notEc) {
            return KeyFactory.getInstance("RSA").generatePrivate(spec);
        }
    }

    /**
     * The Netty server context of these files (TLS 1.3 and 1.2, the JDK's engine). When {@link #mutual()}
     * a client must present a certificate that chains to {@link #clientCa()}, is valid now and, with a
     * {@link #clientCrl()}, is not revoked by it: the JDK's PKIX check refuses the others at the handshake.
     *
     * @throws IllegalArgumentException when a file cannot be read or the CRL is not the CA's
     */
    public SslContext serverContext() {
        try {
            SslContextBuilder b = SslContextBuilder.forServer(privateKey(serverKey),
                            certificates(serverCert).stream().map(X509Certificate.class::cast).toArray(X509Certificate[]::new))
                    .sslProvider(SslProvider.JDK).protocols("TLSv1.3", "TLSv1.2");
            if (mutual()) {
                KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
                anchors.load(null, null);
                int i = 0;
                for (Certificate c : certificates(clientCa)) {
                    anchors.setCertificateEntry("ca-" + i++, c);
                }
                PKIXBuilderParameters pkix = new PKIXBuilderParameters(anchors, new X509CertSelector());
                pkix.setRevocationEnabled(clientCrl != null);
                if (clientCrl != null) {
                    pkix.addCertStore(CertStore.getInstance("Collection",
                            new CollectionCertStoreParameters(List.of(crl(clientCrl, clientCa)))));
                }
                TrustManagerFactory trust = TrustManagerFactory.getInstance("PKIX");
                trust.init(new CertPathTrustManagerParameters(pkix));
                b.trustManager(trust).clientAuth(ClientAuth.REQUIRE);
            }
            return b.build();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot set up TLS from " + this + ": " + e.getMessage(), e);
        }
    }

    /** The CRL in PEM file {@code crl}, whose signature must be that of the (first) CA in {@code ca}. */
    public static X509CRL crl(Path crl, Path ca) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(crl)) {
            X509CRL list = (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(in);
            list.verify(((X509Certificate) certificates(ca).iterator().next()).getPublicKey());
            return list;
        }
    }
}
