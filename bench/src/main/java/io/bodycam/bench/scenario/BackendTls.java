package io.bodycam.bench.scenario;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How cameras and the observer speak TLS to an {@code mqtts://} broker (docs/security.md).
 *
 * @param ca             PEM file of the CA(s) trusted to sign the broker's certificate; null for the JDK's trust store
 * @param certs          a {@code bodycam pki create} directory: each camera presents {@code devices/ID.pem} and the
 *                       observer {@code observer.pem} (mutual TLS); null for none
 * @param verifyHostname check the broker's certificate names the host of the URL (on unless turned off)
 * @param provider       whose TLS the cameras speak
 */
public record BackendTls(Path ca, Path certs, boolean verifyHostname, Provider provider) {

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
    }

    /** With the provider chosen for this machine ({@link Provider#AUTO}). */
    public BackendTls(Path ca, Path certs, boolean verifyHostname) {
        this(ca, certs, verifyHostname, Provider.AUTO);
    }
}
