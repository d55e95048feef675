package io.bodycam.bench.pki;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where {@code bodycam pki create} puts each file (docs/security.md). All certificates and keys are PEM;
 * keys are unencrypted PKCS#8 EC P-256, readable by the JDK, OpenSSL, Netty and Mosquitto.
 *
 * <pre>
 * DIR/manifest.yaml             what was made, when, for how long, and the device ids
 * DIR/ca.pem, ca.key            the fleet CA (trust anchor of cameras, broker and observer)
 * DIR/crl.pem                   the fleet CA's CRL: the devices named by --revoke
 * DIR/server.pem, server.key    the broker/evidence server: SANs localhost, 127.0.0.1, ::1
 * DIR/observer.pem, observer.key  the bench observer's client certificate (CN bench-observer)
 * DIR/devices/ID.pem, ID.key    one per camera; subject CN is the device id
 * DIR/foreign/ca.pem            a CA nobody trusts
 * DIR/foreign/ID.pem, ID.key    the first camera's id, signed by the foreign CA (must be refused)
 * DIR/expired/ID.pem, ID.key    the first camera's id, signed by the fleet CA, expired (must be refused)
 * </pre>
 */
public record PkiLayout(Path dir) {

    /** The CN of the observer's client certificate. */
    public static final String OBSERVER_CN = "bench-observer";

    public PkiLayout {
        Objects.requireNonNull(dir, "dir");
    }

    public Path manifest() { return dir.resolve("manifest.yaml"); }
    public Path caCert() { return dir.resolve("ca.pem"); }
    public Path caKey() { return dir.resolve("ca.key"); }
    public Path crl() { return dir.resolve("crl.pem"); }
    public Path serverCert() { return dir.resolve("server.pem"); }
    public Path serverKey() { return dir.resolve("server.key"); }
    public Path observerCert() { return dir.resolve("observer.pem"); }
    public Path observerKey() { return dir.resolve("observer.key"); }
    public Path devicesDir() { return dir.resolve("devices"); }
    public Path deviceCert(String deviceId) { return devicesDir().resolve(deviceId + ".pem"); }
    public Path deviceKey(String deviceId) { return devicesDir().resolve(deviceId + ".key"); }
    public Path foreignDir() { return dir.resolve("foreign"); }
    public Path foreignCaCert() { return foreignDir().resolve("ca.pem"); }
    public Path expiredDir() { return dir.resolve("expired"); }
}
