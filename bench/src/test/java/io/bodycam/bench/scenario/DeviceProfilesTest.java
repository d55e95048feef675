package io.bodycam.bench.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bodycam.bench.scenario.yaml.ScenarioException;
import io.bodycam.bench.scenario.yaml.Substitutions;
import io.bodycam.sim.link.PayloadMapping;
import io.bodycam.sim.link.Proof;
import io.bodycam.sim.link.Topic;
import io.bodycam.sim.link.TopicScheme;
import io.bodycam.sim.upload.ConnectionSettings;
import io.bodycam.sim.upload.put.PutClientConfig;
import io.bodycam.sim.upload.swift.SwiftClientConfig;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DeviceProfilesTest {

    private static String scenario(String profile) {
        return """
                name: m
                duration: 1h
                backend:
                  mqtt: tcp://127.0.0.1:1883
                  upload: http://127.0.0.1:8080
                  profile: %s
                fleet:
                  - count: 2
                """.formatted(profile);
    }

    private static final String CUSTOM = """
            name: acme
            mqtt:
              statusWill: false
              topics:
                status: {topic: "acme/{group}/{deviceId}/presence", qos: 1, retain: true}
                state:  {topic: "acme/{group}/{deviceId}/state"}
                gps:    {topic: "acme/{group}/{deviceId}/position"}
                events: {topic: "acme/{group}/{deviceId}/event"}
                ack:    {topic: "acme/{group}/{deviceId}/reply"}
                cmd:    {topic: "acme/{group}/{deviceId}/order"}
            upload:
              protocol: tus
              proof: none
            services: []
            """;

    @Test
    void without_a_profile_the_cameras_speak_the_reference_contract() {
        Scenario s = ScenarioLoader.parse("s.yaml", scenario("bwc-v1").replace("  profile: bwc-v1\n", ""));
        assertSame(DeviceProfile.REFERENCE, s.backend().profile());
    }

    @Test
    void the_shipped_bwc_v1_file_is_the_reference_contract() {
        DeviceProfile p = ScenarioLoader.parse("s.yaml", scenario("bwc-v1")).backend().profile();
        assertEquals(DeviceProfile.REFERENCE.topics(), p.topics());
        assertEquals(Proof.VERDICT, p.proof());
        assertTrue(p.referenceServices());
    }

    @Test
    void tus_generic_reads_back_and_has_no_side_services() {
        DeviceProfile p = ScenarioLoader.parse("s.yaml", scenario("tus-generic")).backend().profile();
        assertEquals(DeviceProfile.Protocol.TUS, p.protocol());
        assertEquals(Proof.READ_BACK, p.proof());
        assertTrue(p.services().isEmpty());
    }

    @Test
    void axis_bwi_uploads_to_swift_and_reads_each_clip_back() {
        DeviceProfile p = ScenarioLoader.parse("s.yaml", scenario("axis-bwi")).backend().profile();
        assertEquals(DeviceProfile.Protocol.SWIFT, p.protocol());
        assertEquals(Proof.READ_BACK, p.proof());
        assertTrue(p.services().isEmpty());
        SwiftClientConfig swift = p.swift().apply(SwiftClientConfig.builder()
                .connection(ConnectionSettings.builder(URI.create("http://127.0.0.1:8082")).build())).build();
        assertEquals("/auth/v1.0", swift.authPath());
        assertEquals("bodycam:camera", swift.credentials().forDevice("CMP-01", "metro").id());
    }

    @Test
    void protocol_swift_without_its_mapping_is_reported_where_it_is_written(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("acme.yaml"), CUSTOM.replace("protocol: tus", "protocol: swift"));
        Files.writeString(dir.resolve("s.yaml"), scenario("acme.yaml"));
        var e = assertThrows(ScenarioException.class, () -> ScenarioLoader.load(dir.resolve("s.yaml")));
        String first = e.problems().get(0).format();
        assertTrue(first.contains("acme.yaml:") && first.contains("protocol swift needs a swift: mapping"), "got:\n" + e.getMessage());
    }

    @Test
    void any_of_the_side_services_may_be_offered_and_an_s3_profile_takes_them_from_backend_services(@TempDir Path dir)
            throws IOException {
        Files.writeString(dir.resolve("acme.yaml"), CUSTOM.replace("services: []", "services: [time, firmware]"));
        Files.writeString(dir.resolve("s.yaml"), scenario("acme.yaml"));
        DeviceProfile p = ScenarioLoader.load(dir.resolve("s.yaml")).backend().profile();
        assertEquals(java.util.EnumSet.of(io.bodycam.sim.link.SideService.TIME, io.bodycam.sim.link.SideService.FIRMWARE),
                p.services());
        assertFalse(p.referenceServices());

        Files.writeString(dir.resolve("dup.yaml"), CUSTOM.replace("services: []", "services: [time, tiem, time]"));
        Files.writeString(dir.resolve("s.yaml"), scenario("dup.yaml"));
        var e = assertThrows(ScenarioException.class, () -> ScenarioLoader.load(dir.resolve("s.yaml")));
        assertTrue(e.getMessage().contains("unknown service 'tiem', did you mean 'time'?"), e.getMessage());
        assertTrue(e.getMessage().contains("service 'time' is listed twice"), e.getMessage());

        Files.writeString(dir.resolve("s.yaml"), scenario("s3").replace("  profile: s3\n",
                "  profile: s3\n  services: https://services.example:8443/api\n"));
        assertEquals(URI.create("https://services.example:8443/api"),
                ScenarioLoader.load(dir.resolve("s.yaml")).backend().servicesUrl());
        Files.writeString(dir.resolve("s.yaml"), scenario("tus-generic").replace("  profile: tus-generic\n",
                "  profile: tus-generic\n  services: http://127.0.0.1:9\n"));
        var tus = assertThrows(ScenarioException.class, () -> ScenarioLoader.load(dir.resolve("s.yaml")));
        assertTrue(tus.getMessage().contains("a tus profile asks its side services beside the uploads"), tus.getMessage());
    }

    @Test
    void s3_and_swift_credentials_may_come_from_a_file_beside_the_profile(@TempDir Path dir) throws IOException {
        Path profiles = Files.createDirectories(dir.resolve("profiles"));
        Files.writeString(profiles.resolve("keys.txt"), "# deviceId id secret\nCAM-1 AKIA1 s3cret1\nCAM-2 AKIA2 s3cret2\n");
        String s3 = new String(DeviceProfiles.class.getResourceAsStream("/profiles/s3.yaml").readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8)
                .replace("    accessKey: bodycam-test\n    secretKey: bodycam-test-secret\n", "    credentialsFile: keys.txt\n");
        Files.writeString(profiles.resolve("mine.yaml"), s3);
        Files.writeString(dir.resolve("s.yaml"), scenario("profiles/mine.yaml"));
        DeviceProfile p = ScenarioLoader.load(dir.resolve("s.yaml")).backend().profile();
        var config = p.s3().apply(io.bodycam.sim.upload.s3.S3ClientConfig.builder()
                .connection(ConnectionSettings.builder(URI.create("http://127.0.0.1:9000")).build())).build();
        assertEquals(new io.bodycam.sim.upload.Credentials("AKIA2", "s3cret2"), config.credentials().forDevice("CAM-2", "ipd"));

        Files.writeString(profiles.resolve("keys.txt"), "CAM-1 AKIA1\n");
        var e = assertThrows(ScenarioException.class, () -> ScenarioLoader.load(dir.resolve("s.yaml")));
        assertTrue(e.getMessage().contains("keys.txt:1: expected 'deviceId id secret', found 2 fields"), e.getMessage());
    }

    /** CUSTOM with {@code payloads:} under {@code mqtt:}, its lines indented as given. */
    private static String withPayloads(String payloads) {
        return CUSTOM.replace("  statusWill: false\n", "  statusWill: false\n  payloads:\n" + payloads);
    }

    @Test
    void payload_mappings_are_read_per_kind(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("acme.yaml"), withPayloads("""
                    gps:
                      fields: {lat: position.latitude, speed: {to: speedKmh, scale: 3.6}, ts: {to: time, format: iso8601}}
                      drop: [hdop]
                      add: {vendor: acme}
                    cmd:
                      fields: {type: command}
                """));
        Files.writeString(dir.resolve("s.yaml"), scenario("acme.yaml"));
        PayloadMapping m = ScenarioLoader.load(dir.resolve("s.yaml")).backend().profile().topics().payloads();
        PayloadMapping.Rules gps = m.rules(PayloadMapping.Kind.GPS).orElseThrow();
        assertEquals(List.of(new PayloadMapping.Field("lat", "position.latitude", 1, null),
                new PayloadMapping.Field("speed", "speedKmh", 3.6, null),
                new PayloadMapping.Field("ts", "time", 1, PayloadMapping.TimeFormat.ISO_8601)), gps.fields());
        assertEquals(List.of("hdop"), gps.drop());
        assertEquals(Map.of("vendor", "acme"), gps.constants());
        assertTrue(m.rules(PayloadMapping.Kind.CMD).isPresent());
        assertTrue(m.rules(PayloadMapping.Kind.STATE).isEmpty());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a field the contract lacks      | '    gps:\n      fields: {speeed: v}\n'                | acme.yaml:6:16: 'speeed' is no field of the reference gps payload, did you mean 'speed'?
            a kind the contract lacks       | '    gsp:\n      drop: [hdop]\n'                      | acme.yaml:5:5: unknown message kind 'gsp', did you mean 'gps'?
            a time format nobody knows      | '    gps:\n      fields: {ts: {to: t, format: iso}}\n' | acme.yaml:6:36: unknown time format 'iso', did you mean 'iso8601'?
            a field the bench needs dropped | '    gps:\n      drop: [seq]\n'                       | gps needs 'seq': it may be renamed but not dropped
            two fields to one place         | '    gps:\n      fields: {lat: x, lon: x}\n'           | gps: two fields go to 'x' on the wire
            """)
    void a_bad_payload_mapping_is_reported_in_the_profile_file(String what, String payloads, String expected,
                                                              @TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("acme.yaml"), withPayloads(payloads.replace("\\n", "\n")));
        Files.writeString(dir.resolve("s.yaml"), scenario("acme.yaml"));
        var e = assertThrows(ScenarioException.class, () -> ScenarioLoader.load(dir.resolve("s.yaml")));
        assertTrue(e.getMessage().contains(expected), "got:\n" + e.getMessage());
    }

    @Test
    void an_unknown_profile_name_is_reported_where_it_is_written_with_the_closest_name() {
        var e = assertThrows(ScenarioException.class, () -> ScenarioLoader.parse("s.yaml", scenario("tus-generik")));
        String first = e.problems().get(0).format();
        assertTrue(first.startsWith("s.yaml:6:12: unknown device profile 'tus-generik', did you mean 'tus-generic'?"),
                "got:\n" + e.getMessage());
    }

    @Test
    void a_profile_file_by_path_gives_its_topics_to_every_camera(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("acme.yaml"), CUSTOM);
        Files.writeString(dir.resolve("s.yaml"), scenario("./acme.yaml"));
        DeviceProfile p = ScenarioLoader.load(dir.resolve("s.yaml")).backend().profile();
        assertEquals("acme", p.name());
        assertEquals(Proof.NONE, p.proof());
        assertFalse(p.topics().statusWill());
        assertEquals("acme/day/K-7/presence", p.topics().topic(Topic.STATUS, "kcpd", "K-7", "day"));
        assertEquals("acme/day/K-7/order", p.topics().commandTopic("kcpd", "K-7", "day"));
        assertEquals("acme/+/+/position", TopicScheme.filter(p.topics().rules().get(Topic.GPS).template(), "+"));
    }

    @Test
    void a_misspelt_key_in_a_profile_file_is_reported_in_that_file_with_did_you_mean(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("acme.yaml"), CUSTOM.replace("statusWill", "statusWil"));
        Files.writeString(dir.resolve("s.yaml"), scenario("acme.yaml"));
        var e = assertThrows(ScenarioException.class, () -> ScenarioLoader.load(dir.resolve("s.yaml")));
        String first = e.problems().get(0).format();
        assertTrue(first.contains("acme.yaml:3:3: unknown key 'statusWil', did you mean 'statusWill'?"), "got:\n" + e.getMessage());
    }

    @Test
    void a_template_without_the_device_id_is_refused_with_its_position(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("acme.yaml"), CUSTOM.replace("acme/{group}/{deviceId}/event\"", "acme/events\""));
        Files.writeString(dir.resolve("s.yaml"), scenario("acme.yaml"));
        var e = assertThrows(ScenarioException.class, () -> ScenarioLoader.load(dir.resolve("s.yaml")));
        String first = e.problems().get(0).format();
        assertTrue(first.contains("acme.yaml:8:21: ") && first.contains("must contain {deviceId}"), "got:\n" + e.getMessage());
    }

    @Test
    void proof_verdict_without_the_reference_services_is_refused(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("acme.yaml"), CUSTOM.replace("proof: none", "proof: verdict"));
        Files.writeString(dir.resolve("s.yaml"), scenario("acme.yaml"));
        var e = assertThrows(ScenarioException.class, () -> ScenarioLoader.load(dir.resolve("s.yaml")));
        assertTrue(e.getMessage().contains("proof verdict asks the reference backend's /evidence"), e.getMessage());
    }

    @Test
    void put_sends_each_segment_whole_with_its_headers_and_reads_it_back() {
        DeviceProfile p = ScenarioLoader.parse("s.yaml", scenario("put")).backend().profile();
        assertEquals(DeviceProfile.Protocol.PUT, p.protocol());
        assertEquals(Proof.READ_BACK, p.proof());
        assertTrue(p.services().isEmpty());
        PutClientConfig c = p.put().apply(PutClientConfig.builder()
                .connection(ConnectionSettings.builder(URI.create("http://127.0.0.1:8080")).build())).build();
        assertEquals(PutClientConfig.Method.PUT, c.method());
        assertEquals("/evidence/{agency}/{deviceId}/{recordingId}/{segmentId}.{ext}", c.pathTemplate().toString());
        assertEquals(java.util.Set.of("Authorization"), c.headers().keySet());
    }

    @Test
    void a_profile_file_takes_its_secrets_from_the_environment(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("mine.yaml"), CUSTOM.replace("protocol: tus\n  proof: none", """
                protocol: put
                  proof: read-back
                  put:
                    method: POST
                    headers: {Authorization: "Bearer ${PUT_TOKEN}"}"""));
        Files.writeString(dir.resolve("s.yaml"), scenario("mine.yaml"));
        Scenario s = ScenarioLoader.load(dir.resolve("s.yaml"),
                new Substitutions(name -> "PUT_TOKEN".equals(name) ? "t0ken" : null, java.util.Map.of()));
        PutClientConfig c = s.backend().profile().put().apply(PutClientConfig.builder()
                .connection(ConnectionSettings.builder(URI.create("http://127.0.0.1:8080")).build())).build();
        assertEquals(PutClientConfig.Method.POST, c.method());
        assertEquals("Bearer t0ken", c.headers().get("Authorization").toString());

        var e = assertThrows(ScenarioException.class, () -> ScenarioLoader.load(dir.resolve("s.yaml")));
        assertTrue(e.getMessage().contains("environment variable PUT_TOKEN is not set"), e.getMessage());
    }

    @Test
    void a_bad_put_path_is_refused_in_the_profile_file(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("mine.yaml"), CUSTOM.replace("protocol: tus\n  proof: none",
                "protocol: put\n  proof: read-back\n  put: {path: \"evidence/{segmentId}\"}"));
        Files.writeString(dir.resolve("s.yaml"), scenario("mine.yaml"));
        var e = assertThrows(ScenarioException.class, () -> ScenarioLoader.load(dir.resolve("s.yaml")));
        assertTrue(e.getMessage().contains("mine.yaml:") && e.getMessage().contains("path template must start with '/'"),
                e.getMessage());
    }

    @Test
    void a_missing_profile_file_is_reported_at_backend_profile() {
        var e = assertThrows(ScenarioException.class, () -> ScenarioLoader.parse("s.yaml", scenario("nowhere/p.yaml")));
        assertTrue(e.problems().get(0).format().startsWith("s.yaml:6:12: no device profile file 'nowhere/p.yaml'"),
                "got:\n" + e.getMessage());
    }
}
