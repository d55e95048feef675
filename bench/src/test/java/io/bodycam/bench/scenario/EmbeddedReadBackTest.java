package io.bodycam.bench.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bodycam.backend.http.ReadBackStore;
import io.bodycam.bench.scenario.yaml.ScenarioException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the embedded evidence server is told to store for a profile, and what it cannot serve, refused where it is written. */
class EmbeddedReadBackTest {

    private static final String PUT_UNDER_FILES = """
            name: mine
            mqtt:
              topics:
                status: {topic: "bwc/v1/{agency}/{deviceId}/status", qos: 1, retain: true}
                state:  {topic: "bwc/v1/{agency}/{deviceId}/state", qos: 1, retain: true}
                gps:    {topic: "bwc/v1/{agency}/{deviceId}/gps", qos: 0, retain: false}
                events: {topic: "bwc/v1/{agency}/{deviceId}/events", qos: 1, retain: false}
                ack:    {topic: "bwc/v1/{agency}/{deviceId}/cmd/ack", qos: 1, retain: false}
                cmd:    {topic: "bwc/v1/{agency}/{deviceId}/cmd"}
            upload:
              protocol: put
              proof: read-back
              put: {path: "/files/{deviceId}/{segmentId}.{ext}"}
            services: []
            """;

    private static String embedded(String profile) {
        return """
                name: m
                duration: 1h
                backend:
                  profile: %s
                fleet:
                  - count: 2
                """.formatted(profile);
    }

    @Test
    void each_shipped_read_back_profile_gets_its_store_and_the_reference_none() {
        Path folder = Path.of("store");
        Map<String, ReadBackStore.Protocol> expected = Map.of("tus-generic", ReadBackStore.Protocol.TUS,
                "s3", ReadBackStore.Protocol.S3, "put", ReadBackStore.Protocol.PUT, "axis-bwi", ReadBackStore.Protocol.SWIFT);
        expected.forEach((name, protocol) -> assertEquals(protocol,
                EmbeddedReadBack.store(DeviceProfiles.load(name, Path.of("")), folder, Map.of()).protocol(), name));
        assertEquals(null, EmbeddedReadBack.store(DeviceProfile.REFERENCE, folder, Map.of()));
    }

    @Test
    void a_run_gives_the_s3_store_every_cameras_key() {
        Scenario s = ScenarioLoader.parse("s.yaml", embedded("s3"));

        ReadBackStore store = EmbeddedReadBack.forRun(s, Path.of("store"));

        assertEquals("evidence", store.s3Bucket());
        assertEquals(Map.of("bodycam-test", "bodycam-test-secret"), store.s3Secrets());
    }

    @Test
    void a_put_path_the_embedded_server_keeps_for_tus_is_refused_at_backend_profile(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("mine.yaml"), PUT_UNDER_FILES);
        Files.writeString(dir.resolve("s.yaml"), embedded("mine.yaml"));

        var e = assertThrows(ScenarioException.class, () -> ScenarioLoader.load(dir.resolve("s.yaml")));

        String first = e.problems().get(0).format();
        assertTrue(first.contains("s.yaml:4:12: the embedded backend cannot serve profile mine: put path "
                + "'/files/{deviceId}/{segmentId}.{ext}' starts with /files/"), first);
    }

    @Test
    void the_same_profile_against_a_foreign_server_is_fine(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("mine.yaml"), PUT_UNDER_FILES);
        Files.writeString(dir.resolve("s.yaml"), embedded("mine.yaml").replace("backend:\n",
                "backend:\n  mqtt: tcp://127.0.0.1:1883\n  upload: http://127.0.0.1:8080\n"));

        assertEquals("mine", ScenarioLoader.load(dir.resolve("s.yaml")).backend().profile().name());
    }

    @Test
    void mp4_with_tus_generic_on_the_embedded_backend_is_refused_at_payload() {
        var e = assertThrows(ScenarioException.class, () -> ScenarioLoader.parse("s.yaml",
                embedded("tus-generic") + "payload: mp4\n"));

        assertTrue(e.getMessage().contains("s.yaml:7:10: the embedded backend checks mp4 tus uploads on arrival"),
                e.getMessage());
    }
}
