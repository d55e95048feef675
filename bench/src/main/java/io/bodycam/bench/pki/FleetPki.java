package io.bodycam.bench.pki;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Creates a fleet's certificates with Bouncy Castle: an EC P-256 CA, one client certificate per camera
 * whose subject CN is the device id (what Mosquitto's {@code use_identity_as_username} and AWS IoT
 * read as the identity), a server certificate, an observer certificate, and certificates that a
 * backend must refuse (foreign CA, expired, revoked through the CRL). Layout: {@link PkiLayout}.
 */
public final class FleetPki {

    /** What was made and how long the device certificates took. */
    public record Result(PkiLayout layout, int devices, Duration deviceCertificates) {
    }

    private static final Duration VALIDITY = Duration.ofDays(825);
    private static final String SIGNATURE = "SHA256withECDSA";

    private final Clock clock;
    private final AtomicLong serial;

    public FleetPki(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.serial = new AtomicLong(clock.millis() * 1000);
    }

    /**
     * Writes the whole layout under {@code dir} (created if missing; existing files are replaced).
     *
     * @param deviceIds one certificate per id, in this order; must not be empty
     * @param threads   workers for the device certificates (1 or more)
     */
    public Result create(Path dir, List<String> deviceIds, int threads) throws IOException {
        return create(dir, deviceIds, Set.of(), threads);
    }

    /**
     * As {@link #create(Path, List, int)}, and the CRL ({@link PkiLayout#crl()}) revokes the certificates
     * of {@code revoked} (each must be one of {@code deviceIds}).
     */
    public Result create(Path dir, List<String> deviceIds, Set<String> revoked, int threads) throws IOException {
        if (deviceIds.isEmpty()) {
            throw new IllegalArgumentException("at least one device id is needed");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be 1 or more, was " + threads);
        }
        for (String id : revoked) {
            if (!deviceIds.contains(id)) {
                throw new IllegalArgumentException("cannot revoke " + id + ": not one of the fleet's device ids");
            }
        }
        PkiLayout layout = new PkiLayout(dir);
        Files.createDirectories(layout.devicesDir());
        Files.createDirectories(layout.foreignDir());
        Files.createDirectories(layout.expiredDir());
        Instant now = clock.instant();

        Authority ca = Authority.create("bodycam fleet CA", now, this);
        write(layout.caCert(), pem(ca.cert));
        write(layout.caKey(), pem(ca.keys.getPrivate()));

        KeyPair server = newKeyPair();
        write(layout.serverCert(), pem(ca.issue(name("localhost"), server.getPublic(), now, VALIDITY, Role.SERVER, this)));
        write(layout.serverKey(), pem(server.getPrivate()));
        KeyPair observer = newKeyPair();
        write(layout.observerCert(), pem(ca.issue(name(PkiLayout.OBSERVER_CN), observer.getPublic(), now, VALIDITY, Role.CLIENT, this)));
        write(layout.observerKey(), pem(observer.getPrivate()));

        String first = deviceIds.get(0);
        Authority foreign = Authority.create("foreign CA", now, this);
        write(layout.foreignCaCert(), pem(foreign.cert));
        KeyPair fk = newKeyPair();
        write(layout.foreignDir().resolve(first + ".pem"), pem(foreign.issue(name(first), fk.getPublic(), now, VALIDITY, Role.CLIENT, this)));
        write(layout.foreignDir().resolve(first + ".key"), pem(fk.getPrivate()));
        KeyPair ek = newKeyPair();
        write(layout.expiredDir().resolve(first + ".pem"),
                pem(ca.issue(name(first), ek.getPublic(), now.minus(Duration.ofDays(30)), Duration.ofDays(1), Role.CLIENT, this)));
        write(layout.expiredDir().resolve(first + ".key"), pem(ek.getPrivate()));

        long start = System.nanoTime();
        Map<String, BigInteger> revokedSerials = new ConcurrentHashMap<>();
        issueDevices(layout, ca, deviceIds, revoked, revokedSerials, now, threads);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        write(layout.crl(), pem(crl(ca, new TreeMap<>(revokedSerials), now)));
        writeManifest(layout, deviceIds, new TreeMap<>(revokedSerials).keySet(), now, took);
        return new Result(layout, deviceIds.size(), took);
    }

    private static X509CRLHolder crl(Authority ca, Map<String, BigInteger> revoked, Instant now) {
        X509v2CRLBuilder b = new X509v2CRLBuilder(ca.cert.getSubject(), Date.from(now.minus(Duration.ofMinutes(5))));
        b.setNextUpdate(Date.from(now.plus(VALIDITY)));
        for (BigInteger serial : revoked.values()) {
            b.addCRLEntry(serial, Date.from(now.minus(Duration.ofMinutes(5))), CRLReason.keyCompromise);
        }
        return b.build(ca.signer.get());
    }

    private void issueDevices(PkiLayout layout, Authority ca, List<String> ids, Set<String> revoked,
                              Map<String, BigInteger> revokedSerials, Instant now, int threads) throws IOException {
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "pki-issuer");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> parts = new ArrayList<>();
            int per = (ids.size() + threads - 1) / threads;
            for (int from = 0; from < ids.size(); from += per) {
                List<String> slice = ids.subList(from, Math.min(ids.size(), from + per));
                parts.add(pool.submit(() -> {
                    for (String id : slice) {
                        KeyPair kp = newKeyPair();
                        X509CertificateHolder cert = ca.issue(name(id), kp.getPublic(), now, VALIDITY, Role.CLIENT, this);
                        if (revoked.contains(id)) {
                            revokedSerials.put(id, cert.getSerialNumber());
                        }
                        write(layout.deviceCert(id), pem(cert));
                        write(layout.deviceKey(id), pem(kp.getPrivate()));
                    }
                    return null;
                }));
            }
            for (Future<?> f : parts) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while issuing device certificates", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof UncheckedIOException u) {
                throw u.getCause();
            }
            throw new IllegalStateException("issuing a device certificate failed: " + cause, cause);
        } finally {
            pool.shutdownNow();
        }
    }

    private static void writeManifest(PkiLayout layout, List<String> ids, Set<String> revoked, Instant now, Duration took)
            throws IOException {
        StringBuilder sb = new StringBuilder();
        sb.append("# written by bodycam pki create; layout: docs/security.md\n");
        sb.append("created: ").append(now).append('\n');
        sb.append("keys: EC P-256, PKCS#8 PEM\n");
        sb.append("ca: ca.pem\nserver: server.pem\nobserver: observer.pem\n");
        sb.append("observerIdentity: ").append(PkiLayout.OBSERVER_CN).append('\n');
        sb.append("serverNames: [localhost, 127.0.0.1, \"::1\"]\n");
        sb.append("foreign: foreign/").append(ids.get(0)).append(".pem\n");
        sb.append("expired: expired/").append(ids.get(0)).append(".pem\n");
        sb.append("crl: crl.pem\n");
        sb.append("revoked: ").append(revoked.isEmpty() ? "[]" : "[" + String.join(", ", revoked) + "]").append('\n');
        sb.append("deviceCertificateMillis: ").append(took.toMillis()).append('\n');
        sb.append("devices:\n");
        for (String id : ids) {
            sb.append("  - ").append(id).append('\n');
        }
        Files.writeString(layout.manifest(), sb.toString(), StandardCharsets.UTF_8);
    }

    private enum Role { CA, SERVER, CLIENT }

    /** A CA's certificate and keys; {@link #issue} may be called from several threads. */
    private record Authority(X509CertificateHolder cert, KeyPair keys, ThreadLocal<ContentSigner> signer) {

        static Authority create(String cn, Instant now, FleetPki pki) {
            KeyPair keys = newKeyPair();
            ThreadLocal<ContentSigner> signer = ThreadLocal.withInitial(() -> FleetPki.signer(keys.getPrivate()));
            X509CertificateHolder self = pki.build(name(cn), name(cn), keys.getPublic(), keys.getPublic(), now,
                    Duration.ofDays(3650), Role.CA, signer.get());
            return new Authority(self, keys, signer);
        }

        X509CertificateHolder issue(X500Name subject, PublicKey key, Instant from, Duration validity, Role role, FleetPki pki) {
            return pki.build(cert.getSubject(), subject, key, keys.getPublic(), from, validity, role, signer.get());
        }
    }

    private X509CertificateHolder build(X500Name issuer, X500Name subject, PublicKey key, PublicKey issuerKey,
                                        Instant from, Duration validity, Role role, ContentSigner signer) {
        try {
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(serial.incrementAndGet()),
                    Date.from(from.minus(Duration.ofMinutes(5))), Date.from(from.plus(validity)), subject, key);
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(key));
            b.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(issuerKey));
            switch (role) {
                case CA -> {
                    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
                    b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
                }
                case SERVER -> {
                    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                    b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
                    b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
                    b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[]{
                            new GeneralName(GeneralName.dNSName, "localhost"),
                            new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                            new GeneralName(GeneralName.iPAddress, "::1")}));
                }
                case CLIENT -> {
                    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                    b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
                    b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
                }
            }
            return b.build(signer);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build the certificate for " + subject + ": " + e, e);
        }
    }

    static ContentSigner signer(PrivateKey key) {
        try {
            return new JcaContentSignerBuilder(SIGNATURE).build(key);
        } catch (OperatorCreationException e) {
            throw new IllegalStateException("no " + SIGNATURE + " signer: " + e, e);
        }
    }

    private static X500Name name(String cn) {
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, cn).build();
    }

    private static KeyPair newKeyPair() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no EC P-256 key generator: " + e, e);
        }
    }

    private static String pem(Object o) {
        StringWriter sw = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(sw)) {
            w.writeObject(o instanceof PrivateKey k ? new JcaPKCS8Generator(k, null).generate() : o);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sw.toString();
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
