package io.bodycam.sim.firmware;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A firmware update the backend offers a camera, in the {@code updateFirmware} command and in the dock's
 * config sync (docs/contract): which version, where to fetch it, its size and SHA-256, the signature
 * over its {@link #manifest() manifest}, and the download window ("Firmware Download Timeframe" [S13])
 * in the backend's clock, epoch ms. A window of zero length means "at the next chance" (V300: staged
 * and applied on the dock [S28]).
 *
 * @param path      where the image is, below the backend's HTTP base ({@code /firmware/4.13.0})
 * @param signature base64 Ed25519 signature of {@link #manifest()}
 */
public record FirmwareOffer(String version, String path, long bytes, String sha256, String signature,
                            long windowStart, long windowEnd) {

    /** Largest image a camera takes [GUESS: ten times a few-hundred-MB image]. */
    public static final long MAX_BYTES = 4L << 30;

    static final Set<String> KEYS = Set.of("version", "url", "bytes", "sha256", "signature", "windowStart", "windowEnd");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern PATH = Pattern.compile("/[A-Za-z0-9._~!$&'()*+,;=:@%/?-]{1,511}");

    public FirmwareOffer {
        FirmwareVersion.require(version);
        if (path == null || !PATH.matcher(path).matches() || path.contains("..")) {
            throw new IllegalArgumentException("url must be a path below the backend, like /firmware/4.13.0, was '" + path + "'");
        }
        if (bytes <= 0 || bytes > MAX_BYTES) {
            throw new IllegalArgumentException("bytes must be 1.." + MAX_BYTES + ", was " + bytes);
        }
        if (sha256 == null || !SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("sha256 must be 64 lower-case hex digits, was '" + sha256 + "'");
        }
        if (decodedSignatureLength(signature) != 64) {
            throw new IllegalArgumentException("signature must be a base64 Ed25519 signature (64 bytes)");
        }
        if (windowEnd < windowStart) {
            throw new IllegalArgumentException("windowEnd (" + windowEnd + ") must not be before windowStart (" + windowStart + ")");
        }
    }

    /**
     * The text the vendor signs: the format, the version, the size and the SHA-256 of the image. A
     * signature over the manifest binds the image's hash to its version, so neither can be swapped.
     */
    public String manifest() {
        return manifest(version, bytes, sha256);
    }

    static String manifest(String version, long bytes, String sha256) {
        return "bodycam-firmware/1\nversion=" + version + "\nbytes=" + bytes + "\nsha256=" + sha256 + "\n";
    }

    byte[] manifestBytes() {
        return manifest().getBytes(StandardCharsets.UTF_8);
    }

    /** The offer as {@code updateFirmware} params and as the {@code firmware} object of a config answer. */
    public Map<String, Object> params() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("version", version);
        p.put("url", path);
        p.put("bytes", bytes);
        p.put("sha256", sha256);
        p.put("signature", signature);
        p.put("windowStart", windowStart);
        p.put("windowEnd", windowEnd);
        return p;
    }

    /** The offer, or why the JSON is not one (the message names the field). */
    public static FirmwareOffer parse(JsonNode json) {
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException("a firmware offer is a JSON object with " + KEYS);
        }
        for (var it = json.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!KEYS.contains(k)) {
                throw new IllegalArgumentException("unknown param '" + k + "' for updateFirmware; known: " + KEYS);
            }
        }
        long start = number(json, "windowStart", false);
        long end = json.has("windowEnd") ? number(json, "windowEnd", false) : start;
        return new FirmwareOffer(text(json, "version"), text(json, "url"), number(json, "bytes", true), text(json, "sha256"),
                text(json, "signature"), start, end);
    }

    private static String text(JsonNode json, String key) {
        JsonNode v = json.get(key);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException(key + " must be a string");
        }
        return v.asText();
    }

    private static long number(JsonNode json, String key, boolean required) {
        JsonNode v = json.get(key);
        if (v == null && !required) {
            return 0;
        }
        if (v == null || !v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new IllegalArgumentException(key + " must be a whole number");
        }
        return v.asLong();
    }

    private static int decodedSignatureLength(String signature) {
        if (signature == null || signature.length() > 200) {
            return -1;
        }
        try {
            return Base64.getDecoder().decode(signature).length;
        } catch (IllegalArgumentException e) {
            return -1;
        }
    }
}
