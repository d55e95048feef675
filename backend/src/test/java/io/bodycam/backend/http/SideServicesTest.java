package io.bodycam.backend.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bodycam.sim.camera.CameraConfig;
import io.bodycam.sim.link.EvidenceLink;
import io.bodycam.sim.link.Proof;
import io.bodycam.sim.link.SideService;
import io.bodycam.sim.net.Transport;
import io.bodycam.sim.testing.RecordingTelemetry;
import io.bodycam.sim.time.TimerLagListener;
import io.bodycam.sim.time.WallClock;
import io.bodycam.sim.upload.ConnectionSettings;
import io.bodycam.sim.upload.TimeSample;
import io.bodycam.sim.upload.UploadException;
import io.bodycam.sim.upload.put.PutClientConfig;
import io.bodycam.sim.wiring.CameraWiring;
import io.bodycam.sim.wiring.WiredCamera;
import io.netty.channel.EventLoopGroup;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A camera whose profile uploads by plain PUT but takes some of the reference contract's side services
 * from a backend of their own ({@code backend.services}): the offered ones go to the reference evidence
 * server over a client of their own, the others answer that they are not offered, without a request.
 */
class SideServicesTest {

    private WallClock clock;
    private EvidenceServer server;
    private EventLoopGroup group;
    private WiredCamera wired;

    @BeforeEach
    void start() {
        clock = WallClock.startingAt(System.currentTimeMillis(), 1, TimerLagListener.NONE);
        server = new EvidenceServer(clock, new EvidenceLedger(), new DeviceConfigStore(),
                EvidenceServerConfig.builder().threads(1).build()).start();
        group = Transport.best().newGroup(1);
        URI nowhere = URI.create("http://127.0.0.1:1");
        wired = CameraWiring.builder(CameraConfig.builder("IPD-0001").seed(3).build()).on(group.next(), clock)
                .telemetry(h -> new RecordingTelemetry(clock.scheduler(group.next()), h))
                .upload(nowhere)
                .put(PutClientConfig.builder().connection(ConnectionSettings.builder(nowhere).build()).build())
                .proof(Proof.READ_BACK, Set.of(SideService.TIME, SideService.FIRMWARE))
                .services(server.uri())
                .build();
    }

    @AfterEach
    void stop() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        server.close();
    }

    @Test
    void an_offered_service_is_asked_of_the_services_backend_and_another_is_not_offered() throws Exception {
        EvidenceLink link = wired.evidence();

        TimeSample time = link.time().toCompletableFuture().get(10, TimeUnit.SECONDS);
        ExecutionException config = assertThrows(ExecutionException.class,
                () -> link.config().toCompletableFuture().get(10, TimeUnit.SECONDS));

        assertTrue(Math.abs(time.serverEpochMillis() - clock.now()) < 5_000, "the reference server's clock: " + time);
        UploadException refused = assertInstanceOf(UploadException.class, config.getCause());
        assertEquals(UploadException.Kind.REJECTED, refused.kind());
        assertTrue(refused.getMessage().contains("device configuration is not offered"), refused.getMessage());
        link.disconnectIdle();
    }
}
