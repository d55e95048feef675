package io.bodycam.sim.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PayloadMappingTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GPS = "{\"schema\":1,\"deviceId\":\"IPD-1\",\"seq\":7,\"ts\":1799046000250,\"fix\":\"3d\","
            + "\"lat\":39.1,\"lon\":-94.5,\"alt\":270.5,\"speed\":1.5,\"heading\":90,\"hdop\":0.9,\"satellites\":9}";

    private static final PayloadMapping ACME = new PayloadMapping(Map.of(PayloadMapping.Kind.GPS, new PayloadMapping.Rules(
            List.of(new PayloadMapping.Field("lat", "position.latitude", 1, null),
                    new PayloadMapping.Field("lon", "position.longitude", 1, null),
                    new PayloadMapping.Field("speed", "speedKmh", 3.6, null),
                    new PayloadMapping.Field("ts", "time", 1, PayloadMapping.TimeFormat.ISO_8601),
                    new PayloadMapping.Field("deviceId", "unit.serial", 1, null)),
            List.of("hdop", "satellites", "schema"), Map.of("vendor", "acme"))));

    @Test
    void fields_move_into_objects_change_units_and_formats_and_some_stay_home() throws Exception {
        JsonNode wire = JSON.readTree(ACME.encode(PayloadMapping.Kind.GPS, GPS.getBytes(StandardCharsets.UTF_8)));

        assertEquals(39.1, wire.at("/position/latitude").doubleValue());
        assertEquals(-94.5, wire.at("/position/longitude").doubleValue());
        assertEquals(5.4, wire.path("speedKmh").doubleValue(), 1e-9, "1.5 m/s is 5.4 km/h");
        assertEquals("2027-01-04T07:00:00.250Z", wire.path("time").textValue());
        assertEquals("IPD-1", wire.at("/unit/serial").textValue());
        assertEquals("acme", wire.path("vendor").textValue());
        assertEquals(7, wire.path("seq").intValue(), "unnamed fields keep their place");
        for (String gone : List.of("lat", "lon", "speed", "ts", "hdop", "satellites", "schema", "deviceId")) {
            assertFalse(wire.has(gone), gone + " in " + wire);
        }
    }

    @Test
    void decoding_gives_back_the_reference_payload_less_what_was_left_out() throws Exception {
        byte[] wire = ACME.encode(PayloadMapping.Kind.GPS, GPS.getBytes(StandardCharsets.UTF_8));

        ObjectNode back = ACME.decode(PayloadMapping.Kind.GPS, (ObjectNode) JSON.readTree(wire), "IPD-1");

        ObjectNode expected = (ObjectNode) JSON.readTree(GPS);
        expected.remove(List.of("hdop", "satellites"));
        assertEquals(expected, back, "schema and deviceId are restored; hdop and satellites cannot be");
        assertTrue(back.path("ts").isIntegralNumber());
    }

    @Test
    void epoch_seconds_keep_the_milliseconds_as_a_fraction_and_scaled_whole_numbers_come_back_whole() throws Exception {
        PayloadMapping m = new PayloadMapping(Map.of(PayloadMapping.Kind.STATE, new PayloadMapping.Rules(
                List.of(new PayloadMapping.Field("ts", "t", 1, PayloadMapping.TimeFormat.EPOCH_SECONDS),
                        new PayloadMapping.Field("storage.usedBytes", "usedMb", 1e-6, null)),
                List.of(), Map.of())));
        ObjectNode ref = (ObjectNode) JSON.readTree("{\"seq\":1,\"ts\":1799046000250,\"mode\":\"IDLE\","
                + "\"storage\":{\"usedBytes\":1234567891}}");

        ObjectNode wire = m.encode(PayloadMapping.Kind.STATE, ref.deepCopy());
        assertEquals(1799046000.25, wire.path("t").doubleValue());
        assertFalse(wire.has("storage"), "an object emptied by the move goes too: " + wire);

        ObjectNode back = m.decode(PayloadMapping.Kind.STATE, wire, "IPD-1");
        assertEquals(ref, reparsed(back));
        assertTrue(back.at("/storage/usedBytes").isIntegralNumber(), back::toString);
    }

    /** The tree as it reads back from its JSON: a long that fits an int compares equal to an int again. */
    private static JsonNode reparsed(JsonNode node) throws Exception {
        return JSON.readTree(JSON.writeValueAsBytes(node));
    }

    @Test
    void two_fields_can_swap_places() throws Exception {
        PayloadMapping m = new PayloadMapping(Map.of(PayloadMapping.Kind.GPS, new PayloadMapping.Rules(
                List.of(new PayloadMapping.Field("lat", "lon", 1, null), new PayloadMapping.Field("lon", "lat", 1, null)),
                List.of(), Map.of())));
        ObjectNode wire = m.encode(PayloadMapping.Kind.GPS, (ObjectNode) JSON.readTree(GPS));
        assertEquals(-94.5, wire.path("lat").doubleValue());
        assertEquals(JSON.readTree(GPS), m.decode(PayloadMapping.Kind.GPS, wire, "IPD-1"));
    }

    @Test
    void a_value_that_is_not_what_the_mapping_expects_comes_back_unchanged_for_the_checks_to_name() throws Exception {
        ObjectNode wire = (ObjectNode) JSON.readTree("{\"seq\":1,\"time\":\"yesterday\",\"position\":{\"latitude\":1}}");
        ObjectNode back = ACME.decode(PayloadMapping.Kind.GPS, wire, "IPD-1");
        assertEquals("yesterday", back.path("ts").textValue());
    }

    @Test
    void unmapped_kinds_and_the_identity_pass_the_same_bytes_through() {
        byte[] b = GPS.getBytes(StandardCharsets.UTF_8);
        assertSame(b, PayloadMapping.IDENTITY.encode(PayloadMapping.Kind.GPS, b));
        assertSame(b, ACME.encode(PayloadMapping.Kind.STATE, b));
        assertSame(b, ACME.decode(PayloadMapping.Kind.CMD, b, null));
        byte[] notJson = "not json".getBytes(StandardCharsets.UTF_8);
        assertSame(notJson, ACME.encode(PayloadMapping.Kind.GPS, notJson), "a malformed payload goes as it is");
    }

    @Test
    void what_the_bench_needs_may_be_renamed_but_not_left_out() {
        var e = assertThrows(IllegalArgumentException.class, () -> new PayloadMapping(Map.of(PayloadMapping.Kind.GPS,
                new PayloadMapping.Rules(List.of(), List.of("seq"), Map.of()))));
        assertTrue(e.getMessage().contains("gps needs 'seq'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new PayloadMapping.Rules(List.of(
                new PayloadMapping.Field("lat", "x", 1, null), new PayloadMapping.Field("lon", "x", 1, null)), List.of(), Map.of()),
                "two fields to one place");
        assertThrows(IllegalArgumentException.class, () -> new PayloadMapping.Field("lat", "a..b", 1, null));
        assertThrows(IllegalArgumentException.class, () -> new PayloadMapping.Field("speed", "s", 0, null));
    }
}
