package io.bodycam.backend.broker;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import java.util.Objects;

/**
 * TLS for the embedded broker's listener, from PEM files (the layout {@code bodycam pki create} writes:
 * docs/security.md): the server certificate and its unencrypted PKCS#8 key, and, for mutual TLS, the CA
 * whose certificates clients must present. HiveMQ reads PKCS#12 stores, so {@link #writeStores} turns
 * the PEM files into a key store and a trust store.
 *
 * @param serverCert PEM certificate (chain) the broker presents
 * @param serverKey  its PEM PKCS#8 private key (EC or RSA)
 * @param clientCa   PEM CA clients' certificates must chain to; {@code null}: no client certificate asked
 * @param clientCrl  PEM CRL of that CA: a client certificate it lists is refused at CONNECT; {@code null}: none
 */
public record BrokerTls(Path serverCert, Path serverKey, Path clientCa, Path clientCrl) {

    public BrokerTls {
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
    public static BrokerTls fromPki(Path pkiDir, boolean mutual) {
        Path crl = pkiDir.resolve("crl.pem");
        return new BrokerTls(pkiDir.resolve("server.pem"), pkiDir.resolve("server.key"),
                mutual ? pkiDir.resolve("ca.pem") : null, mutual && Files.isRegularFile(crl) ? crl : null);
    }

    /** True if clients must present a certificate signed by {@link #clientCa()}. */
    public boolean mutual() {
        return clientCa != null;
    }

    /** The PKCS#12 stores written by {@link #writeStores}. */
    record Stores(Path keyStore, Path trustStore, String password) {
    }

    /** Writes the key store (and the trust store when mutual) into {@code dir}, protected by {@code password}. */
    Stores writeStores(Path dir, String password) {
        char[] pw = password.toCharArray();
        try {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            Collection<? extends Certificate> chain = certificates(serverCert);
            keys.setKeyEntry("server", privateKey(serverKey), pw, chain.toArray(Certificate[]::new));
            Path keyStore = store(keys, dir.resolve("broker-keys.p12"), pw);
            Path trustStore = null;
            if (clientCa != null) {
                KeyStore trust = KeyStore.getInstance("PKCS12");
                trust.load(null, null);
                int i = 0;
                for (Certificate c : certificates(clientCa)) {
                    trust.setCertificateEntry("ca-" + i++, c);
                }
                trustStore = store(trust, dir.resolve("broker-trust.p12"), pw);
            }
            return new Stores(keyStore, trustStore, password);
        } catch (GeneralSecurityException | IOException e) {
            throw new BrokerStartException("cannot read the broker's TLS files " + this + ": " + e.getMessage(), e);
        }
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

    private static Path store(KeyStore ks, Path file, char[] pw) throws IOException, GeneralSecurityException {
        try (OutputStream out = Files.newOutputStream(file)) {
            ks.store(out, pw);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return file;
    }
}
