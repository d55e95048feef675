package io.bodycam.bench.fleet;

import io.bodycam.bench.metrics.EventLog;
import io.bodycam.bench.metrics.RunCollector;
import io.bodycam.bench.observer.DeviceView;
import io.bodycam.bench.observer.FleetObserver;
import io.bodycam.bench.pki.FleetPki;
import io.bodycam.bench.pki.ClientTls;
import io.bodycam.bench.pki.PkiLayout;
import io.bodycam.bench.scenario.Backend;
import io.bodycam.bench.scenario.BackendTls;
import io.bodycam.bench.scenario.Behaviour;
import io.bodycam.bench.scenario.FleetGroup;
import io.bodycam.bench.scenario.PayloadMode;
import io.bodycam.bench.scenario.Scenario;
import io.bodycam.bench.scenario.TimelineEvent;
import io.bodycam.bench.timeline.Timeline;
import io.bodycam.sim.net.Transport;
import io.bodycam.bench.testing.MosquittoTls;
import io.bodycam.sim.time.WallClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Cameras with their own certificates against Debian's Mosquitto set up as a production broker would be
 * ({@link MosquittoTls}): a certificate required, its CN as the user name, each camera its own topics.
 * Skipped when Mosquitto is not installed.
 */
class FleetOverMutualTlsTest {

    static final int HONEST = 5;
    static final String FOREIGN = "TLS-06";

    @TempDir
    Path dir;

    MosquittoTls mosquitto;
    FleetObserver observer;
    Fleet fleet;
    EventLog events;

    @Test
    void cameras_with_fleet_certificates_come_online_and_one_from_a_foreign_ca_is_refused() throws Exception {
        Assumptions.assumeTrue(MosquittoTls.installed(), "mosquitto is not installed");
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= HONEST + 1; i++) {
            ids.add(String.format("TLS-%02d", i));
        }
        PkiLayout pki = new FleetPki(Clock.systemUTC()).create(dir.resolve("pki"), ids, 1).layout();
        PkiLayout other = new FleetPki(Clock.systemUTC()).create(dir.resolve("other"), List.of(FOREIGN), 1).layout();
        Files.copy(other.deviceCert(FOREIGN), pki.deviceCert(FOREIGN), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(other.deviceKey(FOREIGN), pki.deviceKey(FOREIGN), StandardCopyOption.REPLACE_EXISTING);

        mosquitto = MosquittoTls.start(pki, dir.resolve("mosquitto"));
        URI mqtts = mosquitto.url();
        BackendTls tls = new BackendTls(pki.caCert(), pki.dir(), true);
        WallClock clock = WallClock.startingAt(System.currentTimeMillis(), 60, lag -> { });
        observer = new FleetObserver(mqtts.toString(), "tls", clock)
                .access(null, null, new ClientTls(tls).observerSocketFactory(), true);
        observer.start();

        fleet = startFleet(mqtts, tls, HONEST + 1, clock);

        await("the cameras with fleet certificates online as the observer sees them").atMost(Duration.ofSeconds(30))
                .until(() -> observer.onlineCount() == HONEST);
        await("mosquitto refuses the foreign CA's certificate").atMost(Duration.ofSeconds(20))
                .until(() -> mosquitto.log().contains("certificate verify failed"));
        assertEquals(HONEST, observer.onlineCount(), "only the cameras of the fleet CA are online");
        assertTrue(observer.device(FOREIGN).map(d -> d.presence() != DeviceView.Presence.ONLINE).orElse(true),
                "the foreign camera is not online");
    }

    @Test
    void the_broker_must_be_named_in_its_certificate_unless_hostname_checks_are_turned_off() throws Exception {
        Assumptions.assumeTrue(MosquittoTls.installed(), "mosquitto is not installed");
        PkiLayout pki = new FleetPki(Clock.systemUTC()).create(dir.resolve("pki"), List.of("TLS-01", "TLS-02"), 1).layout();
        mosquitto = MosquittoTls.start(pki, dir.resolve("mosquitto"), "127.0.0.2");
        WallClock clock = WallClock.startingAt(System.currentTimeMillis(), 60, lag -> { });

        fleet = startFleet(mosquitto.url(), new BackendTls(pki.caCert(), pki.dir(), true), 2, clock);
        await("cameras checking the name stay off a broker whose certificate names 127.0.0.1 only")
                .during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                .until(() -> fleet.mqttTotals().connects() == 0);
        fleet.close();
        events.close();

        fleet = startFleet(mosquitto.url(), new BackendTls(pki.caCert(), pki.dir(), false), 2, clock);
        await("cameras told not to check the name connect").atMost(Duration.ofSeconds(20))
                .until(() -> fleet.mqttTotals().connects() == 2);
    }

    private Fleet startFleet(URI mqtts, BackendTls tls, int cameras, WallClock clock) throws IOException {
        Scenario s = Scenario.builder("tls").seed(3).duration(Duration.ofHours(1)).clockSpeed(60)
                .backend(Backend.external(mqtts, URI.create("http://127.0.0.1:1"), Backend.MqttVersion.V3_1_1).withTls(tls))
                .payload(PayloadMode.SYNTHETIC, 0.001)
                .group(FleetGroup.builder("g").count(cameras).idPattern("TLS-{index:00}").agency("tls")
                        .behaviour(Behaviour.builder().incidentsPerHour(0).build()).build())
                .event(TimelineEvent.of(Duration.ZERO, new TimelineEvent.PowerOn()))
                .build();
        events = new EventLog(dir.resolve("events-" + System.nanoTime() + ".jsonl"));
        Fleet f = new Fleet(s, Fleet.Routes.direct(mqtts, URI.create("http://127.0.0.1:1")), clock, Transport.best(), 1,
                new RunCollector(events));
        Timeline.schedule(s.timeline(), f.members(), s.seed(), clock.now(), f.station(), Timeline.Backstage.NONE);
        return f;
    }

    @AfterEach
    void stop() {
        if (fleet != null) {
            fleet.close();
        }
        if (observer != null) {
            observer.close();
        }
        if (events != null) {
            events.close();
        }
        if (mosquitto != null) {
            mosquitto.close();
        }
    }
}
