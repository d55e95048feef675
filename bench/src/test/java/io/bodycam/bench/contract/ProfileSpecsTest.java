package io.bodycam.bench.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.bodycam.bench.scenario.DeviceProfile;
import io.bodycam.bench.scenario.DeviceProfiles;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.NonValidationKeyword;
import io.bodycam.sim.link.PayloadMapping;
import io.bodycam.sim.testing.SpecLinters;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

/**
 * The per-profile specs under docs/contract/profiles stay true: each is what the generator writes for its
 * shipped profile today, the generator follows a profile's topics, QoS, retain flags, Will and upload
 * protocol, its payload schemas are the reference spec's, and a vendor's tooling (the AsyncAPI parser,
 * Redocly) finds no error in any of them.
 */
class ProfileSpecsTest {

    private static final Path CONTRACT = Path.of("..", "docs", "contract");
    private static final Path PROFILES = CONTRACT.resolve("profiles");

    static List<String> shipped() {
        return DeviceProfiles.SHIPPED;
    }

    private static DeviceProfile profile(String name) {
        return DeviceProfiles.load(name, Path.of(""));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> yaml(String text) {
        return (Map<String, Object>) new Yaml().load(text);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> at(Map<String, Object> doc, String... path) {
        Object o = doc;
        for (String k : path) {
            o = ((Map<String, Object>) o).get(k);
        }
        return (Map<String, Object>) o;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shipped")
    void the_shipped_specs_are_what_the_generator_writes_for_the_profile(String name) throws Exception {
        for (Map.Entry<String, String> f : ProfileSpecs.generate(profile(name), name).entrySet()) {
            Path shipped = PROFILES.resolve(name).resolve(f.getKey());
            assertTrue(Files.exists(shipped), () -> shipped + " is missing: ./bodycam contract --profile " + name
                    + " --out docs/contract/profiles/" + name);
            assertEquals(f.getValue(), Files.readString(shipped, StandardCharsets.UTF_8), () -> shipped
                    + " differs from what the generator writes: ./bodycam contract --profile " + name + " --out docs/contract/profiles/" + name);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shipped")
    void the_asyncapi_parser_and_an_openapi_linter_find_no_error_in_a_profile_s_specs(String name) throws Exception {
        assumeTrue(SpecLinters.unavailable().isEmpty(), () -> "skipped: " + SpecLinters.unavailable().orElse(""));
        SpecLinters.Verdict v = SpecLinters.lint(PROFILES.resolve(name).resolve("asyncapi.yaml"), PROFILES.resolve(name).resolve("openapi.yaml"));
        assertTrue(v.ok(), v::output);
        assertTrue(v.output().contains("0 errors"), v::output);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shipped")
    void every_profile_carries_the_reference_payload_schemas(String name) throws Exception {
        Map<String, Object> reference = yaml(Files.readString(CONTRACT.resolve("asyncapi.yaml")));
        Map<String, Object> generated = yaml(ProfileSpecs.generate(profile(name), name).get("asyncapi.yaml"));
        assertEquals(at(reference, "components", "schemas"), at(generated, "components", "schemas"));
    }

    @Test
    void the_reference_profile_s_specs_say_what_the_reference_specs_say() throws Exception {
        Map<String, String> g = ProfileSpecs.generate(profile("bwc-v1"), "bwc-v1");
        Map<String, Object> async = yaml(g.get("asyncapi.yaml"));
        Map<String, Object> reference = yaml(Files.readString(CONTRACT.resolve("asyncapi.yaml")));
        for (String part : List.of("channels", "operations", "components")) {
            assertEquals(reference.get(part), async.get(part), part);
        }
        assertEquals(at(reference, "servers", "broker", "bindings"), at(async, "servers", "broker", "bindings"));
        Map<String, Object> open = yaml(g.get("openapi.yaml"));
        Map<String, Object> http = yaml(Files.readString(CONTRACT.resolve("openapi.yaml")));
        assertEquals(http.get("paths"), open.get("paths"));
        assertEquals(http.get("components"), open.get("components"));
    }

    @Test
    void a_profile_s_own_topics_qos_retain_and_will_make_its_channels(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("acme.yaml");
        Files.writeString(file, """
                name: acme
                mqtt:
                  statusWill: false
                  topics:
                    status: {topic: "acme/{group}/{deviceId}/presence", qos: 0, retain: false}
                    state:  {topic: "acme/{group}/{deviceId}/state"}
                    gps:    {topic: "acme/{group}/{deviceId}/position"}
                    events: {topic: "acme/{group}/{deviceId}/event"}
                    ack:    {topic: "acme/{group}/{deviceId}/reply"}
                    cmd:    {topic: "acme/{group}/{deviceId}/order"}
                upload:
                  protocol: tus
                  proof: none
                services: []
                """);
        Map<String, String> g = ProfileSpecs.generate(DeviceProfiles.load(file.toString(), Path.of("")), "acme");
        Map<String, Object> async = yaml(g.get("asyncapi.yaml"));
        assertEquals("acme/{group}/{deviceId}/presence", at(async, "channels", "status").get("address"));
        assertEquals(List.of("group", "deviceId"), List.copyOf(at(async, "channels", "status", "parameters").keySet()));
        assertEquals(Map.of("qos", 0, "retain", false, "bindingVersion", "0.2.0"), at(async, "operations", "status.send", "bindings", "mqtt"));
        assertEquals("acme/{group}/{deviceId}/order", at(async, "channels", "cmd").get("address"));
        assertEquals("receive", at(async, "operations", "cmd.receive").get("action"));
        assertFalse(at(async, "servers", "broker", "bindings", "mqtt").containsKey("lastWill"), "statusWill false: no Will");
        Map<String, Object> open = yaml(g.get("openapi.yaml"));
        assertEquals(List.of("/files/", "/files/{id}"), List.copyOf(at(open, "paths").keySet()), "tus without services or verdict");
        assertFalse(at(open, "paths", "/files/{id}").containsKey("get"), "proof none reads nothing back");
    }

    @Test
    void each_upload_protocol_gets_its_own_paths() throws Exception {
        Map<String, Object> tus = yaml(ProfileSpecs.generate(profile("tus-generic"), "tus-generic").get("openapi.yaml"));
        assertEquals(List.of("/files/", "/files/{id}"), List.copyOf(at(tus, "paths").keySet()));
        assertTrue(at(tus, "paths", "/files/{id}").containsKey("get"), "read-back GETs the upload");
        Map<String, Object> s3 = yaml(ProfileSpecs.generate(profile("s3"), "s3").get("openapi.yaml"));
        String object = "/evidence/{agency}/{deviceId}/{recordingId}/{segmentId}.{ext}";
        assertEquals(List.of(object), List.copyOf(at(s3, "paths").keySet()), "bucket evidence, the profile's key template");
        assertEquals(List.of("parameters", "put", "post", "get", "head", "delete"), List.copyOf(at(s3, "paths", object).keySet()));
        Map<String, Object> put = yaml(ProfileSpecs.generate(profile("put"), "put").get("openapi.yaml"));
        assertEquals(List.of("parameters", "put", "get"), List.copyOf(at(put, "paths", object).keySet()));
        assertEquals(Map.of("type", "http", "scheme", "bearer"), at(put, "components", "securitySchemes", "bearer"));
        assertFalse(ProfileSpecs.generate(profile("put"), "put").get("openapi.yaml").contains("bodycam-test"),
                "the profile's token stays out of the spec");
        Map<String, Object> swift = yaml(ProfileSpecs.generate(profile("axis-bwi"), "axis-bwi").get("openapi.yaml"));
        assertEquals(List.of("/auth/v1.0", "/v1/{account}/System/Capabilities.json", "/v1/{account}/{container}",
                "/v1/{account}/{container}/{object}"), List.copyOf(at(swift, "paths").keySet()));
        assertEquals(List.of("201", "400", "404", "503", "507"),
                List.copyOf(at(swift, "paths", "/v1/{account}/{container}/{object}", "put", "responses").keySet()),
                "the API's meanings for 400, 503 and 507");
        assertFalse(ProfileSpecs.generate(profile("axis-bwi"), "axis-bwi").get("openapi.yaml").contains("bodycam-test"),
                "the profile's key stays out of the spec");
    }

    private static final String MAPPED = """
            name: acme
            mqtt:
              payloads:
                gps:
                  fields: {lat: position.latitude, lon: position.longitude, speed: {to: speedKmh, scale: 3.6},
                           ts: {to: time, format: iso8601}}
                  drop: [hdop, satellites]
                  add: {vendor: acme}
                state:
                  fields: {battery.pct: batteryLevel, battery.charging: charging, ts: {to: time, format: epochSeconds}}
              topics:
                status: {topic: "acme/{deviceId}/presence"}
                state:  {topic: "acme/{deviceId}/state"}
                gps:    {topic: "acme/{deviceId}/position"}
                events: {topic: "acme/{deviceId}/log"}
                ack:    {topic: "acme/{deviceId}/reply"}
                cmd:    {topic: "acme/{deviceId}/order"}
            upload: {protocol: tus, proof: none}
            services: []
            """;

    @Test
    void a_mapped_profiles_schemas_accept_what_its_cameras_send_and_refuse_the_reference_shape(@TempDir Path dir)
            throws Exception {
        Files.writeString(dir.resolve("acme.yaml"), MAPPED);
        DeviceProfile acme = DeviceProfiles.load("acme.yaml", dir);
        String spec = ProfileSpecs.generate(acme, "acme").get("asyncapi.yaml");
        String at = "https://bodycam.test/acme/asyncapi.yaml";
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(Dialect.builder(Dialects.getDraft7())
                .keywords(Stream.of("asyncapi", "info", "defaultContentType", "servers", "channels", "operations", "components")
                        .map(NonValidationKeyword::new).toList()).build(), b -> b.schemas(Map.of(at, spec)));
        String gps = "{\"schema\":1,\"deviceId\":\"A-1\",\"seq\":3,\"ts\":1799046000250,\"fix\":\"3d\",\"lat\":39.1,"
                + "\"lon\":-94.5,\"alt\":270.5,\"speed\":1.5,\"heading\":90,\"hdop\":0.9,\"satellites\":9}";
        String state = "{\"schema\":1,\"deviceId\":\"A-1\",\"seq\":3,\"ts\":1799046000250,\"mode\":\"OFF\","
                + "\"dockPhase\":null,\"flags\":[],\"battery\":{\"pct\":80.0,\"charging\":false},"
                + "\"storage\":{\"capacityBytes\":64,\"usedBytes\":0,\"freeBytes\":64},\"uploadQueue\":{\"segments\":0,"
                + "\"bytes\":0},\"recording\":null,\"firmware\":\"4.12.3\",\"clockOffsetMs\":0,\"officer\":\"b-1\"}";
        ObjectMapper json = new ObjectMapper();
        PayloadMapping mapping = acme.topics().payloads();
        for (String[] c : new String[][] {{"gps", gps}, {"state", state}}) {
            Schema schema = registry.getSchema(SchemaLocation.of(at + "#/components/schemas/" + c[0]));
            byte[] wire = mapping.encode(PayloadMapping.Kind.valueOf(c[0].toUpperCase(java.util.Locale.ROOT)),
                    c[1].getBytes(StandardCharsets.UTF_8));
            assertEquals(List.of(), schema.validate(json.readTree(wire)), c[0] + " as the camera sends it: " + new String(wire,
                    StandardCharsets.UTF_8));
            assertFalse(schema.validate(json.readTree(c[1])).isEmpty(), c[0] + " in the reference shape is not acme's");
        }
        Map<String, Object> schemas = at(yaml(spec), "components", "schemas");
        assertEquals(Map.of("type", "string", "format", "date-time", "description", "an ISO 8601 instant in UTC"),
                at(schemas, "gps", "properties", "time"));
        assertFalse(at(schemas, "state", "properties").containsKey("battery"), "battery emptied by the mapping is gone");
    }
}
