package io.bodycam.bench.security;

import io.bodycam.bench.scenario.ImpostorKind;
import io.bodycam.bench.scenario.Impostors;
import io.bodycam.backend.tls.ServerTls;
import io.bodycam.backend.broker.EmbeddedBroker;
import io.bodycam.bench.pki.FleetPki;
import io.bodycam.bench.pki.PkiLayout;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The embedded broker over mutual TLS with the fleet's CRL against each kind of impostor, with real sockets:
 * certificates from {@code bodycam pki create}, the attempts by {@link ImpostorProbe}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImpostorsOnEmbeddedBrokerTest {

    static final String VICTIM = "CAM-0001";

    @TempDir
    static Path dir;
    PkiLayout pki;
    EmbeddedBroker broker;
    ImpostorProbe probe;

    @BeforeAll
    void start() throws Exception {
        Impostors all = Impostors.everyKind(Duration.ZERO);
        List<String> ids = new ArrayList<>(List.of(VICTIM, "CAM-0002"));
        ids.addAll(all.certificateIds());
        pki = new FleetPki(Clock.systemUTC()).create(dir.resolve("pki"), ids, all.revokedIds(), 1).layout();
        broker = EmbeddedBroker.builder().tls(ServerTls.fromPki(pki.dir(), true)).ownTopicsOnly(Set.of(PkiLayout.OBSERVER_CN)).build();
        broker.start();
        probe = new ImpostorProbe(URI.create(broker.url()), pki, "metro", Duration.ofSeconds(2));
    }

    @AfterAll
    void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void a_revoked_certificate_is_refused_at_connect() {
        Attempt a = probe.attempt(ImpostorKind.REVOKED, VICTIM);
        assertFalse(a.accepted(), a.toString());
        assertTrue(a.detail().contains("reason 5"), "expected CONNACK not authorized: " + a);
    }

    @Test
    void an_expired_certificate_is_refused_at_the_handshake() {
        Attempt a = probe.attempt(ImpostorKind.EXPIRED, VICTIM);
        assertFalse(a.accepted(), a.toString());
        assertFalse(a.detail().contains("reason 5"), "the TLS handshake should refuse it before CONNECT: " + a);
    }

    @Test
    void a_certificate_from_a_foreign_ca_is_refused_at_the_handshake() {
        Attempt a = probe.attempt(ImpostorKind.FOREIGN_CA, VICTIM);
        assertFalse(a.accepted(), a.toString());
        assertTrue(a.detail().contains("SSL") || a.detail().contains("certificate"), "expected a TLS failure: " + a);
    }

    @Test
    void a_publish_on_another_cameras_topic_reaches_nobody() {
        Attempt a = probe.attempt(ImpostorKind.OTHER_TOPIC, VICTIM);
        assertFalse(a.accepted(), a.toString());
    }

    @Test
    void a_will_on_another_cameras_topic_is_refused_at_connect() {
        Attempt a = probe.attempt(ImpostorKind.REPLAY_WILL, VICTIM);
        assertFalse(a.accepted(), a.toString());
        assertTrue(a.detail().contains("reason 5"), "expected CONNACK not authorized: " + a);
    }

    @Test
    void without_the_crl_the_revoked_certificate_gets_in_so_the_crl_is_what_refuses_it() {
        ServerTls noCrl = new ServerTls(pki.serverCert(), pki.serverKey(), pki.caCert(), null);
        try (EmbeddedBroker open = EmbeddedBroker.builder().tls(noCrl).build()) {
            open.start();
            Attempt a = new ImpostorProbe(URI.create(open.url()), pki, "metro", Duration.ofSeconds(2)).attempt(ImpostorKind.REVOKED, VICTIM);
            assertTrue(a.accepted(), a.toString());
        }
    }
}
