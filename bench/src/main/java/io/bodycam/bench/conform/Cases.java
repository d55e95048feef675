package io.bodycam.bench.conform;

import static io.bodycam.bench.conform.ConformanceCase.expect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bodycam.bench.conform.ConformanceCase.Failed;
import io.bodycam.bench.conform.Http.Exchange;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The kit's cases, in the order they run: HTTP upload (tus), evidence verdicts, then MQTT, the broker restart last. */
final class Cases {

    private static final String TUS = "tus 1.0.0";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Cases() {
    }

    static List<ConformanceCase> all() {
        return List.of(
                new ConformanceCase("TUS-OPTIONS-01", "discovery names tus 1.0.0 and the creation extension",
                        List.of(TUS + " OPTIONS", "contract HTTP: OPTIONS /files/"), null, Cases::options),
                new ConformanceCase("TUS-CREATE-01", "a creation answers 201 with the upload's Location",
                        List.of(TUS + " Creation", "contract HTTP: POST /files/"), null, Cases::create),
                new ConformanceCase("TUS-HEAD-01", "HEAD after a partial upload tells the offset reached, not cached",
                        List.of(TUS + " HEAD", "contract HTTP: HEAD /files/{id}"), null, Cases::headAfterPartial),
                new ConformanceCase("TUS-OFFSET-01", "a PATCH at an offset other than the server's is refused with 409 and changes nothing",
                        List.of(TUS + " PATCH", "contract HTTP: PATCH /files/{id} 409"), null, Cases::offsetMismatch),
                new ConformanceCase("TUS-UNKNOWN-01", "HEAD of an upload that never existed answers 404 or 410",
                        List.of(TUS + " HEAD"), null, Cases::unknownUpload),
                new ConformanceCase("TUS-CHECKSUM-01", "a chunk whose Upload-Checksum does not match is refused with 460 and not kept",
                        List.of(TUS + " Checksum", "contract HTTP: PATCH /files/{id} 460"), Target.CHECKSUM, Cases::wrongChecksum),
                new ConformanceCase("TUS-CHECKSUM-02", "a chunk whose Upload-Checksum matches is taken",
                        List.of(TUS + " Checksum"), Target.CHECKSUM, Cases::rightChecksum),
                new ConformanceCase("TUS-MAXSIZE-01", "a creation above the announced Tus-Max-Size is refused with 413",
                        List.of(TUS + " Creation: Tus-Max-Size", "contract HTTP: OPTIONS /files/ Tus-Max-Size"), Target.MAX_SIZE,
                        TusLimitCases::maxSize),
                new ConformanceCase("TUS-CHUNK-01", "a PATCH that runs past the upload's length is refused and nothing of it is kept",
                        List.of(TUS + " Creation: Upload-Length", "contract HTTP: PATCH /files/{id}"), null, TusLimitCases::overlongChunk),
                new ConformanceCase("TUS-LOST-01", "after a chunk whose answer the client never read, HEAD tells the offset and the upload resumes without doubling",
                        List.of(TUS + " HEAD", TUS + " PATCH", "design: nothing lost, nothing doubled"), null, TusLimitCases::lostAnswer),
                new ConformanceCase("HTTP-SLOWLORIS-01", "a request head trickled a byte at a time is cut off within the claimed head deadline",
                        List.of("RFC 9110 15.5.9 408 Request Timeout", "contract HTTP: head timeout (slow-loris guard)"), Target.HEAD_DEADLINE,
                        TusLimitCases::slowHead),
                new ConformanceCase("TUS-TERMINATE-01", "a terminated upload is gone",
                        List.of(TUS + " Termination", "contract HTTP: DELETE /files/{id}"), Target.TERMINATION, Cases::terminate),
                new ConformanceCase("EVIDENCE-VERIFIED-01", "a complete upload whose bytes hash to the declared SHA-256 is verified",
                        List.of("contract HTTP: GET /evidence/{deviceId}/{segmentId}", "contract: the camera's side of chain of custody"),
                        Target.VERDICT, Cases::verified),
                new ConformanceCase("EVIDENCE-CORRUPT-01", "a complete upload whose bytes hash otherwise is called corrupt, with the reason",
                        List.of("contract HTTP: GET /evidence/{deviceId}/{segmentId}"), Target.VERDICT, Cases::corrupt),
                new ConformanceCase("EVIDENCE-DUP-01", "the same segment uploaded twice is kept once",
                        List.of("contract HTTP: GET /evidence/{deviceId}/{segmentId} copies", "design: nothing lost, nothing doubled"),
                        Target.VERDICT, Cases::duplicate),
                new ConformanceCase("EVIDENCE-UNKNOWN-01", "the verdict on a segment never uploaded is 404",
                        List.of("contract HTTP: GET /evidence/{deviceId}/{segmentId} 404"), Target.VERDICT, Cases::unknownEvidence),
                new ConformanceCase("TIME-01", "GET /time answers the backend's clock within 2 s of true, with a Date header that agrees",
                        List.of("contract HTTP: GET /time", "RFC 9110 6.6.1 Date"), Target.TIME, ServiceCases::time),
                new ConformanceCase("FW-RANGE-01", "the offered firmware image is served in byte ranges: 206 with Content-Range, 416 past its end",
                        List.of("contract HTTP: GET /firmware/{version} Range", "RFC 9110 14 Range Requests"), Target.FIRMWARE,
                        FirmwareCases::ranges),
                new ConformanceCase("FW-SIGN-01", "the offer's Ed25519 signature verifies with the backend's key, and the image hashes to the signed SHA-256",
                        List.of("contract: Firmware (signed manifest)", "contract HTTP: GET /firmware/key", "contract HTTP: GET /devices/{deviceId}/config firmware"),
                        Target.FIRMWARE, FirmwareCases::signature),
                new ConformanceCase("MQTT-RETAIN-01", "a camera's retained status reaches a subscriber that comes later",
                        List.of("contract MQTT: status QoS 1 retained"), null, MqttCases::retained),
                new ConformanceCase("MQTT-WILL-01", "a camera that vanishes without DISCONNECT is declared offline by its Will within 1.5 x keep-alive",
                        List.of("contract MQTT: status Will", "contract: keep-alive 30 s, gone after 1.5 x"), null, MqttCases::will),
                new ConformanceCase("MQTT-SESSION-01", "a command sent while a camera is offline reaches it when it reconnects",
                        List.of("contract: clean session off, commands reach an offline camera on reconnect", "contract MQTT: cmd QoS 1"),
                        null, MqttCases::queuedCommand),
                new ConformanceCase("MQTT-SESSION-02", "three commands queued for an offline camera arrive in the order they were sent",
                        List.of("MQTT 3.1.1 4.6 Message ordering", "contract: clean session off, commands reach an offline camera on reconnect"),
                        null, MqttCases::queuedInOrder),
                new ConformanceCase("MQTT-KEEPALIVE-01", "a camera that falls silent with its socket open is cut off and declared offline within 1.5 x keep-alive",
                        List.of("MQTT 3.1.1 3.1.2.10 Keep Alive", "contract: keep-alive 30 s, gone after 1.5 x", "contract MQTT: status Will"),
                        null, MqttCases::silentCamera),
                new ConformanceCase("MQTT-BADACK-01", "a camera that acks with malformed JSON keeps its connection, and its next ack and commands still flow",
                        List.of("contract MQTT: cmd/ack", "contract MQTT: cmd QoS 1"), null, MqttCases::badAck),
                new ConformanceCase("MQTT-ACL-01", "a camera cannot publish on another camera's topics",
                        List.of("contract: identity (a camera publishes only under its own device id)"), Target.TOPIC_ACL, MqttCases::foreignTopic),
                // last: a vendor's restart drops every connection to the broker, including any other case's
                new ConformanceCase("MQTT-RESTART-01", "a camera's retained status and state reach a subscriber after the broker restarts",
                        List.of("contract MQTT: status QoS 1 retained", "contract MQTT: state QoS 1 retained",
                                "contract MQTT: retained messages survive a broker restart"), Target.BROKER_RESTART,
                        MqttCases::retainedAfterRestart));
    }

    static Map<String, String> metadata(String deviceId, String segmentId, byte[] declared) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("deviceId", deviceId);
        m.put("recordingId", deviceId + "-R00001");
        m.put("segmentId", segmentId);
        m.put("segmentIndex", "0");
        m.put("sha256", sha256(declared));
        m.put("bytes", Integer.toString(declared.length));
        m.put("filename", segmentId + ".bin");
        return m;
    }

    static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String checksum(byte[] b) {
        try {
            return "sha256 " + Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static Exchange logged(List<String> log, Exchange e) {
        log.add(e.toString());
        return e;
    }

    /** Creates an upload of {@code bytes} and answers its URL; fails the case if the server will not. */
    static String created(Probe p, List<String> log, String deviceId, String segmentId, byte[] bytes) throws Exception {
        Exchange c = logged(log, p.http().create(bytes.length, metadata(deviceId, segmentId, bytes)));
        expect(c.status() == 201, "POST /files/ answered " + c.status() + ", expected 201");
        return c.header("Location").orElseThrow(() -> new Failed("201 without a Location"));
    }

    private static void options(Probe p, List<String> log) throws Exception {
        Exchange o = logged(log, p.http().send("OPTIONS", "/files/", Map.of(), null));
        expect(o.status() == 200 || o.status() == 204, "OPTIONS answered " + o.status());
        expect(o.header("Tus-Version").orElse("").contains("1.0.0"), "Tus-Version does not name 1.0.0");
        expect(Arrays.asList(o.header("Tus-Extension").orElse("").split("\\s*,\\s*")).contains("creation"),
                "Tus-Extension does not name creation");
    }

    private static void create(Probe p, List<String> log) throws Exception {
        created(p, log, p.deviceId(), "S-create", p.bytes(1000));
    }

    private static void headAfterPartial(Probe p, List<String> log) throws Exception {
        byte[] data = p.bytes(4000);
        String url = created(p, log, p.deviceId(), "S-head", data);
        Exchange first = logged(log, p.http().patch(url, 0, Arrays.copyOf(data, 1500), null));
        expect(first.status() == 204, "PATCH of the first 1500 bytes answered " + first.status());
        Exchange h = logged(log, p.http().head(url));
        expect(h.status() == 200 || h.status() == 204, "HEAD answered " + h.status());
        expect(h.longHeader("Upload-Offset") == 1500, "HEAD says Upload-Offset " + h.header("Upload-Offset").orElse("(none)") + ", expected 1500");
        expect(h.header("Cache-Control").orElse("").contains("no-store"), "HEAD answer may be cached: no Cache-Control: no-store");
    }

    private static void offsetMismatch(Probe p, List<String> log) throws Exception {
        byte[] data = p.bytes(2000);
        String url = created(p, log, p.deviceId(), "S-offset", data);
        Exchange wrong = logged(log, p.http().patch(url, 700, Arrays.copyOfRange(data, 700, 2000), null));
        expect(wrong.status() == 409, "a PATCH at offset 700 when the server holds 0 answered " + wrong.status() + ", expected 409");
        Exchange h = logged(log, p.http().head(url));
        expect(h.longHeader("Upload-Offset") == 0, "after the refused PATCH the offset is " + h.header("Upload-Offset").orElse("(none)") + ", expected 0");
    }

    private static void unknownUpload(Probe p, List<String> log) throws Exception {
        Exchange h = logged(log, p.http().head("/files/conform-never-created-" + p.deviceId()));
        expect(h.status() == 404 || h.status() == 410, "HEAD of an unknown upload answered " + h.status());
    }

    private static void wrongChecksum(Probe p, List<String> log) throws Exception {
        Exchange o = logged(log, p.http().send("OPTIONS", "/files/", Map.of(), null));
        expect(o.header("Tus-Extension").orElse("").contains("checksum"), "the checksum extension is claimed but not offered in Tus-Extension");
        expect(o.header("Tus-Checksum-Algorithm").orElse("").contains("sha256"), "Tus-Checksum-Algorithm does not offer sha256");
        byte[] data = p.bytes(3000);
        String url = created(p, log, p.deviceId(), "S-checksum-bad", data);
        Exchange bad = logged(log, p.http().patch(url, 0, data, checksum("other bytes".getBytes(StandardCharsets.UTF_8))));
        expect(bad.status() == 460, "a chunk with a wrong Upload-Checksum answered " + bad.status() + ", expected 460");
        Exchange h = logged(log, p.http().head(url));
        expect(h.longHeader("Upload-Offset") == 0, "the refused chunk was kept: offset " + h.header("Upload-Offset").orElse("(none)"));
    }

    private static void rightChecksum(Probe p, List<String> log) throws Exception {
        byte[] data = p.bytes(3000);
        String url = created(p, log, p.deviceId(), "S-checksum-ok", data);
        Exchange ok = logged(log, p.http().patch(url, 0, data, checksum(data)));
        expect(ok.status() == 204, "a chunk with its right Upload-Checksum answered " + ok.status());
        expect(ok.longHeader("Upload-Offset") == 3000, "Upload-Offset after it: " + ok.header("Upload-Offset").orElse("(none)"));
    }

    private static void terminate(Probe p, List<String> log) throws Exception {
        byte[] data = p.bytes(1000);
        String url = created(p, log, p.deviceId(), "S-terminate", data);
        Exchange d = logged(log, p.http().send("DELETE", url, Map.of("Tus-Resumable", "1.0.0"), null));
        expect(d.status() == 204, "DELETE answered " + d.status());
        Exchange h = logged(log, p.http().head(url));
        expect(h.status() == 404 || h.status() == 410, "HEAD after DELETE answered " + h.status());
    }

    /** Uploads {@code sent} whole, declaring the hash of {@code declared}. */
    private static void upload(Probe p, List<String> log, String deviceId, String segmentId, byte[] declared, byte[] sent) throws Exception {
        Exchange c = logged(log, p.http().create(sent.length, metadata(deviceId, segmentId, declared)));
        expect(c.status() == 201, "POST /files/ answered " + c.status());
        Exchange all = logged(log, p.http().patch(c.header("Location").orElseThrow(), 0, sent, null));
        expect(all.status() == 204, "the PATCH of the whole segment answered " + all.status());
    }

    static JsonNode verdict(Probe p, List<String> log, String deviceId, String segmentId) throws Exception {
        Exchange v = logged(log, p.http().send("GET", "/evidence/" + deviceId + "/" + segmentId, Map.of(), null));
        expect(v.status() == 200, "GET /evidence answered " + v.status());
        JsonNode n = JSON.readTree(v.body());
        log.add("  " + n);
        return n;
    }

    private static void verified(Probe p, List<String> log) throws Exception {
        String device = p.deviceId();
        byte[] data = p.bytes(5000);
        upload(p, log, device, "S-verified", data, data);
        JsonNode v = verdict(p, log, device, "S-verified");
        expect("verified".equals(v.path("status").asText()), "status is " + v.path("status"));
        expect(sha256(data).equals(v.path("sha256").asText()), "sha256 is " + v.path("sha256"));
        expect(v.path("bytes").asLong() == 5000, "bytes is " + v.path("bytes"));
    }

    private static void corrupt(Probe p, List<String> log) throws Exception {
        String device = p.deviceId();
        byte[] declared = p.bytes(5000);
        byte[] sent = declared.clone();
        sent[2500] ^= 0x40;
        upload(p, log, device, "S-corrupt", declared, sent);
        JsonNode v = verdict(p, log, device, "S-corrupt");
        expect("corrupt".equals(v.path("status").asText()), "one flipped bit was called " + v.path("status"));
        expect(!v.path("reason").isNull() && !v.path("reason").asText().isEmpty(), "corrupt without a reason");
    }

    private static void duplicate(Probe p, List<String> log) throws Exception {
        String device = p.deviceId();
        byte[] data = p.bytes(4000);
        upload(p, log, device, "S-dup", data, data);
        upload(p, log, device, "S-dup", data, data);
        JsonNode v = verdict(p, log, device, "S-dup");
        expect("verified".equals(v.path("status").asText()), "status is " + v.path("status"));
        expect(v.path("copies").asInt() == 1, "the backend holds " + v.path("copies") + " copies of one segment");
    }

    private static void unknownEvidence(Probe p, List<String> log) throws Exception {
        Exchange v = logged(log, p.http().send("GET", "/evidence/" + p.deviceId() + "/S-never", Map.of(), null));
        expect(v.status() == 404, "the verdict on a segment never uploaded answered " + v.status());
    }
}
