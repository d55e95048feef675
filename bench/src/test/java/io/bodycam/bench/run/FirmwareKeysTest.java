package io.bodycam.bench.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bodycam.backend.http.DeviceConfigStore;
import io.bodycam.backend.http.EvidenceLedger;
import io.bodycam.backend.http.EvidenceServer;
import io.bodycam.backend.http.EvidenceServerConfig;
import io.bodycam.bench.scenario.Backend;
import io.bodycam.bench.scenario.DeviceProfile;
import io.bodycam.bench.scenario.DeviceProfiles;
import io.bodycam.sim.firmware.FirmwareSigner;
import io.bodycam.sim.link.SideService;
import io.bodycam.sim.time.TimerLagListener;
import io.bodycam.sim.time.WallClock;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Where an external backend's firmware key comes from: the scenario's {@code backend.firmwareKey}, else the
 * backend's own {@code GET /firmware/key} when the profile offers the firmware service (here the reference
 * evidence server, at {@code backend.services} beside an S3 store), else nowhere, said on the console.
 */
class FirmwareKeysTest {

    private final StringWriter console = new StringWriter();
    private EvidenceServer server;

    @BeforeEach
    void start() {
        server = new EvidenceServer(WallClock.startingAt(System.currentTimeMillis(), 1, TimerLagListener.NONE),
                new EvidenceLedger(), new DeviceConfigStore(), EvidenceServerConfig.builder().threads(1).build()).start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static Backend s3(Set<SideService> services) {
        DeviceProfile s3 = DeviceProfiles.load("s3", Path.of(""));
        DeviceProfile p = new DeviceProfile(s3.name(), s3.topics(), s3.protocol(), s3.proof(), s3.s3(), null, null, services);
        return Backend.external(URI.create("tcp://127.0.0.1:1883"), URI.create("http://127.0.0.1:9000"),
                Backend.MqttVersion.V3_1_1).withProfile(p);
    }

    @Test
    void the_firmware_service_gives_its_key_when_the_scenario_does_not() {
        String key = FirmwareKeys.external(s3(Set.of(SideService.FIRMWARE)).withServices(server.uri()),
                new PrintWriter(console, true));

        assertEquals(server.firmware().publicKey(), key);
        assertTrue(console.toString().contains("firmware key read from " + server.uri()), console::toString);
    }

    @Test
    void the_scenarios_key_wins_and_without_the_service_nothing_is_asked() {
        String given = FirmwareSigner.generate().publicKey();
        assertEquals(given, FirmwareKeys.external(s3(Set.of(SideService.FIRMWARE)).withServices(server.uri())
                .withFirmwareKey(given), new PrintWriter(console, true)));
        assertNull(FirmwareKeys.external(s3(Set.of(SideService.TIME)).withServices(server.uri()), new PrintWriter(console, true)));
        assertEquals("", console.toString());
    }

    @Test
    void a_backend_without_the_key_leaves_the_cameras_without_one_and_says_so() {
        String key = FirmwareKeys.external(s3(Set.of(SideService.FIRMWARE)).withServices(URI.create("http://127.0.0.1:1")),
                new PrintWriter(console, true));

        assertNull(key);
        assertTrue(console.toString().contains("the cameras will refuse every updateFirmware offer; give it as "
                + "backend.firmwareKey"), console::toString);
    }
}
