package io.bodycam.bench.conform;

import static io.bodycam.bench.conform.Cases.logged;
import static io.bodycam.bench.conform.ConformanceCase.expect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bodycam.bench.conform.Http.Exchange;
import io.bodycam.sim.firmware.FirmwareOffer;
import io.bodycam.sim.firmware.FirmwareTrust;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The firmware cases (docs/contract, "Firmware" and "HTTP"): the offer in a camera's config answer, the
 * image served in byte ranges (RFC 9110, 14), and the Ed25519 signature that binds its hash to its version.
 */
final class FirmwareCases {

    /** The range the signature case fetches at a time (the contract serves at most 1 MiB per answer). */
    private static final int RANGE = 128 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private FirmwareCases() {
    }

    private static FirmwareOffer offer(Probe p, List<String> log) throws Exception {
        String device = p.target().firmwareDevice();
        Exchange c = logged(log, p.http().send("GET", "/devices/" + device + "/config", Map.of(), null));
        expect(c.status() == 200, "GET /devices/" + device + "/config answered " + c.status());
        JsonNode firmware = JSON.readTree(c.body()).path("firmware");
        log.add("  firmware: " + firmware);
        expect(firmware.isObject(), "the config answer of " + device + " carries no firmware offer");
        try {
            return FirmwareOffer.parse(firmware);
        } catch (IllegalArgumentException e) {
            throw new ConformanceCase.Failed("the firmware offer is malformed: " + e.getMessage());
        }
    }

    private static Exchange range(Probe p, List<String> log, String url, long first, String last) throws Exception {
        return logged(log, p.http().send("GET", url, Map.of("Range", "bytes=" + first + "-" + last), null));
    }

    static void ranges(Probe p, List<String> log) throws Exception {
        FirmwareOffer o = offer(p, log);
        long n = o.bytes();
        expect(n > 1024, "the offered image is " + n + " bytes, too small to ask for ranges of");
        Exchange head = range(p, log, o.path(), 0, "1023");
        expect(head.status() == 206, "Range: bytes=0-1023 answered " + head.status() + ", expected 206");
        expect(head.header("Content-Range").orElse("").equals("bytes 0-1023/" + n), "Content-Range is "
                + head.header("Content-Range").orElse("(none)") + ", expected bytes 0-1023/" + n);
        expect(head.body().length == 1024, "the answer carries " + head.body().length + " bytes, expected 1024");
        Exchange tail = range(p, log, o.path(), n - 100, "");
        expect(tail.status() == 206 && tail.body().length == 100, "Range: bytes=" + (n - 100) + "- answered " + tail.status()
                + " with " + tail.body().length + " bytes, expected 206 with the last 100");
        expect(tail.header("Content-Range").orElse("").equals("bytes " + (n - 100) + "-" + (n - 1) + "/" + n),
                "Content-Range of the tail is " + tail.header("Content-Range").orElse("(none)"));
        Exchange past = range(p, log, o.path(), n, "");
        expect(past.status() == 416, "a range starting at the image's end answered " + past.status() + ", expected 416");
        expect(past.header("Content-Range").orElse("").equals("bytes */" + n), "the 416 carries Content-Range "
                + past.header("Content-Range").orElse("(none)") + ", expected bytes */" + n);
    }

    static void signature(Probe p, List<String> log) throws Exception {
        Exchange k = logged(log, p.http().send("GET", "/firmware/key", Map.of(), null));
        expect(k.status() == 200, "GET /firmware/key answered " + k.status());
        JsonNode key = JSON.readTree(k.body());
        log.add("  " + key);
        expect("Ed25519".equals(key.path("algorithm").asText()), "the key's algorithm is " + key.path("algorithm"));
        FirmwareTrust trust;
        try {
            trust = FirmwareTrust.of(key.path("publicKey").asText());
        } catch (IllegalArgumentException e) {
            throw new ConformanceCase.Failed(e.getMessage());
        }
        FirmwareOffer o = offer(p, log);
        expect(trust.signed(o), "the offer's signature does not verify with the key of GET /firmware/key over its manifest "
                + o.manifest().replace("\n", "\\n"));
        log.add("  the signature verifies over the manifest " + o.manifest().replace("\n", "\\n"));
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        long got = 0;
        while (got < o.bytes()) {
            long last = Math.min(got + RANGE, o.bytes()) - 1;
            Exchange r = range(p, log, o.path(), got, Long.toString(last));
            expect(r.status() == 206 || r.status() == 200 && got == 0 && r.body().length == o.bytes(),
                    "the range at " + got + " answered " + r.status() + " with " + r.body().length + " bytes");
            expect(r.body().length > 0, "the range at " + got + " came empty");
            sha.update(r.body());
            got += r.body().length;
        }
        String hash = HexFormat.of().formatHex(sha.digest());
        log.add("  " + got + " bytes, sha256 " + hash);
        expect(got == o.bytes(), "the image is " + got + " bytes, the offer says " + o.bytes());
        expect(hash.equals(o.sha256()), "the image hashes to " + hash + ", the signed offer says " + o.sha256());
    }
}
