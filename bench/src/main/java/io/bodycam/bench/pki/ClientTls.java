package io.bodycam.bench.pki;

import io.bodycam.bench.scenario.BackendTls;
import io.netty.handler.ssl.JdkSslContext;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import javax.net.ssl.SSLSocketFactory;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * TLS client contexts for a scenario's {@code mqtts://} broker and {@code https://} upload server: trust
 * from a CA file (or the JDK's store), each camera's certificate and key from a {@link PkiLayout},
 * hostname verification on unless turned off. OpenSSL (netty-tcnative BoringSSL) when it loads, the JDK
 * otherwise. A camera's one context serves both its MQTT and its HTTP connection.
 *
 * <p>With client certificates each camera has its own context: a client's TLS session cache is keyed by
 * host and port, so a context shared by the fleet would hand one camera's session (and with it that
 * camera's identity) to another. Each camera still resumes its own session when it reconnects. Without
 * client certificates one context serves the whole fleet. Contexts read files: build them off the event
 * loops.
 */
public final class ClientTls {

    private final BackendTls settings;
    private final SslProvider provider;
    private final SslContext shared;
    private final TrustManagerFactory trust;

    /**
     * The provider {@code settings} ask for ({@link BackendTls.Provider#AUTO}: OpenSSL when it loads here).
     *
     * @throws IllegalStateException when they ask for OpenSSL and it cannot load on this machine
     */
    public ClientTls(BackendTls settings) {
        this(settings, provider(settings.provider()));
    }

    /**
     * The provider {@code wanted} comes to on this machine, without building a context.
     *
     * @throws IllegalStateException for OpenSSL when it cannot load here
     */
    public static SslProvider provider(BackendTls.Provider wanted) {
        return switch (wanted) {
            case JDK -> SslProvider.JDK;
            case AUTO -> OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK;
            case OPENSSL -> {
                if (!OpenSsl.isAvailable()) {
                    throw new IllegalStateException("tls.provider openssl: netty-tcnative cannot load here ("
                            + OpenSsl.unavailabilityCause() + "); use provider auto or jdk");
                }
                yield SslProvider.OPENSSL;
            }
        };
    }

    public ClientTls(BackendTls settings, SslProvider provider) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.provider = Objects.requireNonNull(provider, "provider");
        this.trust = settings.ca() == null ? null : trust(settings.ca());
        this.shared = settings.certs() == null ? build(provider, null, null) : null;
    }

    /** The provider the cameras use: {@code OPENSSL} or {@code JDK}. */
    public SslProvider provider() {
        return provider;
    }

    /** The context camera {@code deviceId} connects with. */
    public SslContext forDevice(String deviceId) {
        if (shared != null) {
            return shared;
        }
        PkiLayout layout = new PkiLayout(settings.certs());
        return build(provider, layout.deviceCert(deviceId), layout.deviceKey(deviceId));
    }

    /** A socket factory for the observer's Paho client, with the observer's certificate when there is a pki layout. */
    public SSLSocketFactory observerSocketFactory() {
        return observerContext().getSocketFactory();
    }

    /**
     * The JDK context the observer's clients use (Paho's socket factory, the HTTP client that reads an
     * {@code https://} backend's ledger), with the observer's certificate when there is a pki layout.
     */
    public SSLContext observerContext() {
        PkiLayout layout = settings.certs() == null ? null : new PkiLayout(settings.certs());
        SslContext ctx = build(SslProvider.JDK, layout == null ? null : layout.observerCert(), layout == null ? null : layout.observerKey());
        return ((JdkSslContext) ctx).context();
    }

    /** The CA file read once for the whole fleet (parsing it per camera cost more than the camera's own key). */
    private static TrustManagerFactory trust(Path ca) {
        try (InputStream in = Files.newInputStream(ca)) {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int n = 0;
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("ca-" + n++, c);
            }
            if (n == 0) {
                throw new IllegalArgumentException("no certificate in " + ca);
            }
            TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            f.init(store);
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the CA file " + ca, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read the CA file " + ca + ": " + e.getMessage(), e);
        }
    }

    private SslContext build(SslProvider p, Path cert, Path key) {
        try {
            SslContextBuilder b = SslContextBuilder.forClient().sslProvider(p).protocols("TLSv1.3", "TLSv1.2").keyStoreType("JKS")
                    .endpointIdentificationAlgorithm(settings.verifyHostname() ? "HTTPS" : null);
            if (trust != null) {
                b.trustManager(trust);
            }
            if (cert != null) {
                if (!Files.isRegularFile(cert) || !Files.isRegularFile(key)) {
                    throw new IllegalArgumentException("no certificate " + cert + " or key " + key
                            + "; make them with: bodycam pki create --scenario FILE --out " + settings.certs());
                }
                b.keyManager(cert.toFile(), key.toFile());
            }
            return b.build();
        } catch (SSLException e) {
            throw new UncheckedIOException("cannot set up TLS from " + settings + ": " + e.getMessage(), e);
        }
    }
}
