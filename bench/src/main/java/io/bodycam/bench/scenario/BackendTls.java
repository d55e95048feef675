package io.bodycam.bench.scenario;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How cameras and the observer speak TLS to an {@code mqtts://} broker and an {@code https://} upload server
 * (docs/security.md), and whether the embedded evidence server serves uploads over mutual TLS.
 *
 * @param ca             PEM file of the CA(s) trusted to sign the servers' certificates; null for the JDK's trust store
 * @param certs          a {@code bodycam pki create} directory: each camera presents {@code devices/ID.pem} and the
 *                       observer {@code observer.pem} (mutual TLS); null for none
 * @param verifyHostname check the server's certificate names the host of the URL (on unless turned off)
 * @param provider       whose TLS the cameras speak
 * @param uploads        how the embedded evidence server takes uploads; {@link Uploads#PLAIN} for an external backend
 */
public record BackendTls(Path ca, Path certs, boolean verifyHostname, Provider provider, Uploads uploads) {

    /** How the embedded evidence server takes uploads ({@code backend.tls.uploads}); an external one's URL says. */
    public enum Uploads {
        /** Plain HTTP (the default). */
        PLAIN,
        /** HTTPS with the pki's server certificate; no client certificate asked. */
        TLS,
        /** HTTPS asking each camera for its certificate: an upload must name the device the certificate is for. */
        MUTUAL
    }

    /** Whose TLS implementation the cameras' Netty pipelines use. */
    public enum Provider {
        /** OpenSSL (netty-tcnative BoringSSL) when it loads on this machine, the JDK's otherwise. */
        AUTO,
        /** OpenSSL only: a run where it cannot load is refused. */
        OPENSSL,
        /** The JDK's own. */
        JDK
    }

    public BackendTls {
        if (ca == null && certs == null && !verifyHostname) {
            Objects.requireNonNull(ca, "a TLS mapping that turns hostname checks off needs a ca");
        }
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(uploads, "uploads");
    }

    /** Plain uploads to an embedded evidence server. */
    public BackendTls(Path ca, Path certs, boolean verifyHostname, Provider provider) {
        this(ca, certs, verifyHostname, provider, Uploads.PLAIN);
    }

    /** With the provider chosen for this machine ({@link Provider#AUTO}). */
    public BackendTls(Path ca, Path certs, boolean verifyHostname) {
        this(ca, certs, verifyHostname, Provider.AUTO);
    }
}
