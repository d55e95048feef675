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
 */
public record BackendTls(Path ca, Path certs, boolean verifyHostname) {

    public BackendTls {
        if (ca == null && certs == null && !verifyHostname) {
            Objects.requireNonNull(ca, "a TLS mapping that turns hostname checks off needs a ca");
        }
    }
}
