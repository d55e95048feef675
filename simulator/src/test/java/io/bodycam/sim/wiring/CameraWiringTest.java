package io.bodycam.sim.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bodycam.sim.camera.CameraConfig;
import io.bodycam.sim.event.CameraEvent;
import io.bodycam.sim.state.Mode;
import io.bodycam.sim.testing.FakeEvidenceBackend;
import io.bodycam.sim.testing.RecordingTelemetry;
import io.bodycam.sim.time.ManualClock;
import io.netty.channel.DefaultEventLoop;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CameraWiringTest {

    private final DefaultEventLoop loop = new DefaultEventLoop();
    private final ManualClock clock = new ManualClock(1_800_000_000_000L);
    private final CameraConfig config = CameraConfig.builder("IPD-0001").seed(3).build();

    @AfterEach
    void stop() {
        loop.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS);
    }

    @Test
    void a_camera_needs_its_loop_and_both_links_and_is_told_which_is_missing() {
        assertEquals("a camera needs its event loop and clock: call on(loop, clock)",
                assertThrows(IllegalStateException.class, () -> CameraWiring.builder(config).build()).getMessage());
        assertEquals("a camera needs a telemetry link: call mqtt(...) or telemetry(...)",
                assertThrows(IllegalStateException.class, () -> CameraWiring.builder(config).on(loop, clock).build())
                        .getMessage());
        assertEquals("a camera needs an evidence link: call upload(...) or evidence(...)",
                assertThrows(IllegalStateException.class, () -> CameraWiring.builder(config).on(loop, clock)
                        .telemetry(h -> new RecordingTelemetry(clock, h)).build()).getMessage());
        assertEquals("upload endpoint must be an http(s) URL, was tcp://127.0.0.1:1",
                assertThrows(IllegalArgumentException.class, () -> CameraWiring.builder(config)
                        .upload(URI.create("tcp://127.0.0.1:1"))).getMessage());
    }

    @Test
    void the_links_a_test_gives_are_the_ones_the_camera_uses() {
        List<CameraEvent> events = new ArrayList<>();
        FakeEvidenceBackend backend = new FakeEvidenceBackend(clock, config.uploadPayloadBytesPerSecond());
        WiredCamera wired = CameraWiring.builder(config).on(loop, clock)
                .telemetry(h -> new RecordingTelemetry(clock, h)).evidence(backend).listener(events::add).build();

        wired.camera().powerOn();
        clock.advance(Duration.ofMinutes(1));

        assertEquals(Mode.READY_BUFFERING, wired.camera().snapshot().join().mode());
        assertTrue(wired.telemetry() instanceof RecordingTelemetry t && !t.sent().isEmpty(), "the camera reported on the given link");
        assertSame(backend, wired.evidence());
        assertTrue(wired.mqtt().isEmpty(), "no MQTT client was built");
        assertTrue(!events.isEmpty(), "the listener hears the camera");
    }
}
