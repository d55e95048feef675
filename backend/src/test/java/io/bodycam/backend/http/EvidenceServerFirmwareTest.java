package io.bodycam.backend.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bodycam.sim.firmware.FirmwareOffer;
import io.bodycam.sim.firmware.FirmwareTrust;
import io.bodycam.sim.time.ManualClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code /firmware/...} and the firmware offer in {@code /devices/{id}/config}, over real loopback sockets. */
class EvidenceServerFirmwareTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ManualClock clock = new ManualClock(Instant.parse("2027-01-04T12:00:00Z"));
    private final HttpClient http = HttpClient.newHttpClient();
    private EvidenceServer server;
    private FirmwareReleases.Release release;

    @BeforeEach
    void start() {
        server = new EvidenceServer(clock, new EvidenceLedger(), new DeviceConfigStore(),
                EvidenceServerConfig.builder().threads(1).build()).start();
        release = server.firmware().publish("4.13.0", 300_000);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<byte[]> get(String path, String range) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.uri() + path));
        if (range != null) {
            b.header("Range", range);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private byte[] image(long from, int n, boolean tampered) {
        byte[] b = new byte[n];
        (tampered ? release.image().tampered() : release.image()).read(from, b, 0, n);
        return b;
    }

    @Test
    void a_range_of_an_image_comes_as_206_with_its_content_range() throws Exception {
        HttpResponse<byte[]> r = get("/firmware/4.13.0", "bytes=65536-131071");
        assertEquals(206, r.statusCode());
        assertEquals("bytes 65536-131071/300000", r.headers().firstValue("Content-Range").orElseThrow());
        assertEquals("bytes", r.headers().firstValue("Accept-Ranges").orElseThrow());
        assertArrayEquals(image(65536, 65536, false), r.body());

        HttpResponse<byte[]> tail = get("/firmware/4.13.0", "bytes=299990-");
        assertEquals("bytes 299990-299999/300000", tail.headers().firstValue("Content-Range").orElseThrow());
        assertEquals(10, tail.body().length);
    }

    @Test
    void a_small_image_comes_whole_and_the_tampered_variant_differs_in_one_byte() throws Exception {
        HttpResponse<byte[]> whole = get("/firmware/4.13.0", null);
        assertEquals(200, whole.statusCode());
        assertArrayEquals(image(0, 300_000, false), whole.body());
        byte[] bad = get("/firmware/4.13.0?variant=tampered", null).body();
        assertFalse(Arrays.equals(whole.body(), bad));
        assertArrayEquals(image(0, 300_000, true), bad);
        assertEquals(600_000, server.firmware().bytesServed());
    }

    @Test
    void bad_requests_get_a_clear_status() throws Exception {
        HttpResponse<byte[]> unknown = get("/firmware/9.9.9", null);
        assertEquals(404, unknown.statusCode());
        assertEquals("no firmware 9.9.9\n", new String(unknown.body()));
        assertEquals(400, get("/firmware/4.13.0", "bytes=0-1,5-9").statusCode());
        HttpResponse<byte[]> outside = get("/firmware/4.13.0", "bytes=300000-");
        assertEquals(416, outside.statusCode());
        assertEquals("bytes */300000", outside.headers().firstValue("Content-Range").orElseThrow());
        assertEquals(400, get("/firmware/4.13.0?variant=evil", null).statusCode());

        server.firmware().publish("5.0.0", 2_000_000);
        HttpResponse<byte[]> big = get("/firmware/5.0.0", null);
        assertEquals(416, big.statusCode());
        assertTrue(new String(big.body()).contains("ask for it in ranges"), new String(big.body()));
    }

    @Test
    void the_key_and_a_cameras_offer_are_served_and_the_offer_verifies_with_the_key_only_when_genuine() throws Exception {
        JsonNode key = JSON.readTree(get("/firmware/key", null).body());
        assertEquals("Ed25519", key.path("algorithm").asText());
        FirmwareTrust trust = FirmwareTrust.of(key.path("publicKey").asText());

        server.firmware().offerTo("IPD-1", server.firmware().offer("4.13.0", FirmwareReleases.Image.GENUINE, 10, 20));
        JsonNode config = JSON.readTree(get("/devices/IPD-1/config", null).body());
        FirmwareOffer offer = FirmwareOffer.parse(config.path("firmware"));
        assertEquals("/firmware/4.13.0", offer.path());
        assertEquals(release.sha256(), offer.sha256());
        assertTrue(trust.signed(offer));
        assertTrue(JSON.readTree(get("/devices/IPD-2/config", null).body()).path("firmware").isMissingNode(),
                "no offer, no firmware field");

        assertFalse(trust.signed(server.firmware().offer("4.13.0", FirmwareReleases.Image.BAD_SIGNATURE, 10, 20)));
        FirmwareOffer tampered = server.firmware().offer("4.13.0", FirmwareReleases.Image.TAMPERED, 10, 20);
        assertTrue(trust.signed(tampered), "a tampered image comes with the genuine signature");
        assertEquals("/firmware/4.13.0?variant=tampered", tampered.path());
    }
}
