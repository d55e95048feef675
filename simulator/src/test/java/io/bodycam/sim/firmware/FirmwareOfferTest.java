package io.bodycam.sim.firmware;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FirmwareOfferTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final FirmwareSigner VENDOR = FirmwareSigner.generate();
    private static final FirmwareImage IMAGE = FirmwareImage.of("4.13.0", 300_000);

    @Test
    void an_offer_survives_its_json_form_and_its_signature_verifies_with_the_vendor_key_only() {
        FirmwareOffer offer = VENDOR.offer(IMAGE, IMAGE.sha256(), "/firmware/4.13.0", 10, 20);
        FirmwareOffer read = FirmwareOffer.parse(JSON.valueToTree(offer.params()));
        assertEquals(offer, read);
        assertTrue(FirmwareTrust.of(VENDOR.publicKey()).signed(read));
        assertFalse(FirmwareTrust.of(FirmwareSigner.generate().publicKey()).signed(read));
        FirmwareOffer otherVersion = new FirmwareOffer("4.13.1", offer.path(), offer.bytes(), offer.sha256(),
                offer.signature(), 10, 20);
        assertFalse(FirmwareTrust.of(VENDOR.publicKey()).signed(otherVersion), "the signature binds the version");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "version | \"4.13x\" | firmware version must be 2 to 4 dot-separated numbers like 4.13.0, was '4.13x'",
        "url | \"https://evil.example/fw\" | url must be a path below the backend, like /firmware/4.13.0, was 'https://evil.example/fw'",
        "url | \"/firmware/../../etc\" | url must be a path below the backend, like /firmware/4.13.0, was '/firmware/../../etc'",
        "bytes | 0 | bytes must be 1..4294967296, was 0",
        "bytes | \"12\" | bytes must be a whole number",
        "sha256 | \"ABC\" | sha256 must be 64 lower-case hex digits, was 'ABC'",
        "signature | \"bm90IGEgc2lnbmF0dXJl\" | signature must be a base64 Ed25519 signature (64 bytes)",
        "windowEnd | 5 | windowEnd (5) must not be before windowStart (10)",
        "colour | \"red\" | unknown param 'colour' for updateFirmware",
    })
    void a_bad_offer_is_refused_naming_the_field(String key, String value, String error) throws Exception {
        ObjectNode json = JSON.valueToTree(VENDOR.offer(IMAGE, IMAGE.sha256(), "/firmware/4.13.0", 10, 20).params());
        json.set(key, JSON.readTree(value));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FirmwareOffer.parse(json));
        assertTrue(e.getMessage().startsWith(error), e.getMessage());
    }

    @Test
    void a_missing_field_is_named() {
        ObjectNode json = JSON.valueToTree(VENDOR.offer(IMAGE, IMAGE.sha256(), "/firmware/4.13.0", 10, 20).params());
        json.remove("version");
        assertEquals("version must be a string", assertThrows(IllegalArgumentException.class, () -> FirmwareOffer.parse(json)).getMessage());
    }

    @Test
    void versions_compare_number_by_number() {
        assertTrue(FirmwareVersion.compare("4.13.0", "4.9.9") > 0);
        assertTrue(FirmwareVersion.compare("4.12", "4.12.1") < 0);
        assertEquals(0, FirmwareVersion.compare("4.12.0", "4.12"));
        assertTrue(FirmwareVersion.compare("beta", "1.0") < 0, "a malformed version is older than any");
    }

    @Test
    void an_image_reads_the_same_bytes_in_any_ranges_and_a_tampered_copy_differs_in_one_byte() {
        byte[] whole = new byte[(int) IMAGE.length()];
        IMAGE.read(0, whole, 0, whole.length);
        byte[] pieces = new byte[whole.length];
        for (int p = 0; p < pieces.length; p += 7_777) {
            IMAGE.read(p, pieces, p, Math.min(7_777, pieces.length - p));
        }
        assertArrayEquals(whole, pieces);
        assertEquals(IMAGE.sha256(), FirmwareImage.of("4.13.0", 300_000).sha256(), "deterministic");
        assertNotEquals(IMAGE.sha256(), FirmwareImage.of("4.13.1", 300_000).sha256(), "each version its own bytes");

        byte[] bad = new byte[whole.length];
        IMAGE.tampered().read(0, bad, 0, bad.length);
        int differing = 0;
        for (int i = 0; i < whole.length; i++) {
            differing += whole[i] != bad[i] ? 1 : 0;
        }
        assertEquals(1, differing);
        assertNotEquals(IMAGE.sha256(), IMAGE.tampered().sha256());
    }

    @Test
    void a_key_that_is_not_an_ed25519_public_key_is_refused() {
        assertThrows(IllegalArgumentException.class, () -> FirmwareTrust.of("not-base64!"));
        assertThrows(IllegalArgumentException.class, () -> FirmwareTrust.of("AAAA"));
    }
}
