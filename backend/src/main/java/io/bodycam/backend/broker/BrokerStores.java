package io.bodycam.backend.broker;

import io.bodycam.backend.tls.ServerTls;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;

/**
 * The PKCS#12 stores HiveMQ's TLS listener reads, written from a {@link ServerTls}'s PEM files: a key store
 * with the server certificate and key, and for mutual TLS a trust store with the client CA.
 *
 * @param trustStore null when the listener asks for no client certificate
 */
record BrokerStores(Path keyStore, Path trustStore, String password) {

    /** Writes the key store (and the trust store when mutual) into {@code dir}, protected by {@code password}. */
    static BrokerStores write(ServerTls tls, Path dir, String password) {
        char[] pw = password.toCharArray();
        try {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("server", ServerTls.privateKey(tls.serverKey()), pw,
                    ServerTls.certificates(tls.serverCert()).toArray(Certificate[]::new));
            Path keyStore = store(keys, dir.resolve("broker-keys.p12"), pw);
            Path trustStore = null;
            if (tls.clientCa() != null) {
                KeyStore trust = KeyStore.getInstance("PKCS12");
                trust.load(null, null);
                int i = 0;
                for (Certificate c : ServerTls.certificates(tls.clientCa())) {
                    trust.setCertificateEntry("ca-" + i++, c);
                }
                trustStore = store(trust, dir.resolve("broker-trust.p12"), pw);
            }
            return new BrokerStores(keyStore, trustStore, password);
        } catch (GeneralSecurityException | IOException e) {
            throw new BrokerStartException("cannot read the broker's TLS files " + tls + ": " + e.getMessage(), e);
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
