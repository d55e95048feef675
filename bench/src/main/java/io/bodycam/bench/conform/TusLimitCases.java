package io.bodycam.bench.conform;

import static io.bodycam.bench.conform.Cases.created;
import static io.bodycam.bench.conform.Cases.logged;
import static io.bodycam.bench.conform.ConformanceCase.expect;

import com.fasterxml.jackson.databind.JsonNode;
import io.bodycam.bench.conform.Http.Exchange;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The upload cases about limits and broken clients: sizes above what the server takes, a request head
 * that never ends, an answer the client never reads. The last two talk over a {@link RawSocket}.
 */
final class TusLimitCases {

    /** How often the slow client sends one more byte of its head. */
    private static final int TRICKLE_MS = 250;
    /** What the slow-loris case allows beyond the claimed deadline (timer granularity, the answer's way back). */
    private static final Duration SLACK = Duration.ofSeconds(2);
    private static final int ANSWER_WAIT_MS = 10_000;

    private TusLimitCases() {
    }

    static void maxSize(Probe p, List<String> log) throws Exception {
        Exchange o = logged(log, p.http().send("OPTIONS", "/files/", Map.of(), null));
        long max = o.longHeader("Tus-Max-Size");
        expect(max > 0, "max-size is claimed but OPTIONS announces no Tus-Max-Size");
        expect(max < Long.MAX_VALUE, "Tus-Max-Size is the largest number there is: nothing can exceed it");
        String device = p.deviceId();
        Exchange c = logged(log, p.http().create(max + 1, Cases.metadata(device, "S-max-size", new byte[0])));
        expect(c.status() == 413, "a creation with Upload-Length " + (max + 1) + " (Tus-Max-Size + 1) answered "
                + c.status() + ", expected 413");
    }

    static void overlongChunk(Probe p, List<String> log) throws Exception {
        byte[] data = p.bytes(1000);
        String url = created(p, log, p.deviceId(), "S-overlong", data);
        byte[] more = p.bytes(1500);
        System.arraycopy(data, 0, more, 0, data.length);
        Exchange patch = logged(log, p.http().patch(url, 0, more, null));
        expect(patch.status() == 413 || patch.status() == 400, "a 1500-byte PATCH into a 1000-byte upload answered "
                + patch.status() + ", expected 413 (or 400)");
        Exchange h = logged(log, p.http().head(url));
        expect(h.longHeader("Upload-Offset") == 0, "after the refused PATCH the offset is "
                + h.header("Upload-Offset").orElse("(none)") + ", expected 0");
    }

    static void slowHead(Probe p, List<String> log) throws Exception {
        Duration deadline = p.target().headDeadline();
        Duration bound = deadline.plus(SLACK);
        URI base = p.target().upload();
        String head = "HEAD /files/conform-slow-" + p.deviceId() + " HTTP/1.1\r\nHost: " + base.getAuthority()
                + "\r\nTus-Resumable: 1.0.0\r\nX-Conform-Trickle: ";
        log.add("a request head sent one byte every " + TRICKLE_MS + " ms and never finished: "
                + head.replace("\r\n", "\\r\\n") + "aaaa...");
        try (RawSocket s = RawSocket.open(base, 80)) {
            long t0 = System.nanoTime();
            int sent = 0;
            while (true) {
                long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
                expect(ms <= bound.toMillis(), "after " + ms + " ms and " + sent + " bytes the server still waits for the"
                        + " head; the claimed deadline is " + deadline.toMillis() + " ms (allowed: " + bound.toMillis() + " ms)");
                try {
                    s.write(new byte[] {(byte) (sent < head.length() ? head.charAt(sent) : 'a')});
                    sent++;
                } catch (java.io.IOException e) {
                    log.add("  after " + ms + " ms and " + sent + " bytes the connection is refused: " + e.getMessage());
                    return;
                }
                Optional<byte[]> answer = s.read(512, TRICKLE_MS);
                if (answer.isPresent()) {
                    long at = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
                    log.add("  after " + at + " ms and " + sent + " bytes: " + (answer.get().length == 0
                            ? "the server closed the connection" : "answered " + RawSocket.statusLine(answer.get())));
                    return;
                }
            }
        }
    }

    static void lostAnswer(Probe p, List<String> log) throws Exception {
        String device = p.deviceId();
        byte[] data = p.bytes(6000);
        int chunk = 2500;
        String url = created(p, log, device, "S-lost-answer", data);
        URI uri = p.http().resolve(url);
        try (RawSocket s = RawSocket.open(uri, 80)) {
            s.write("PATCH " + uri.getRawPath() + " HTTP/1.1\r\nHost: " + uri.getAuthority() + "\r\nTus-Resumable: 1.0.0\r\n"
                    + "Upload-Offset: 0\r\nContent-Type: application/offset+octet-stream\r\nContent-Length: " + chunk + "\r\n\r\n");
            s.write(Arrays.copyOf(data, chunk));
            Optional<byte[]> first = s.read(1, ANSWER_WAIT_MS);
            log.add("PATCH " + uri.getRawPath() + " Upload-Offset: 0 (" + chunk + " bytes) over a raw socket -> "
                    + (first.isEmpty() ? "no answer within " + ANSWER_WAIT_MS + " ms" : "the answer began")
                    + "; connection closed with the answer unread");
        }
        Exchange h = logged(log, p.http().head(url));
        long offset = h.longHeader("Upload-Offset");
        expect(offset == 0 || offset == chunk, "after the chunk whose answer was lost HEAD says Upload-Offset "
                + h.header("Upload-Offset").orElse("(none)") + ", expected 0 (not committed) or " + chunk + " (committed)");
        Exchange rest = logged(log, p.http().patch(url, offset, Arrays.copyOfRange(data, (int) offset, data.length), null));
        expect(rest.status() == 204, "resuming at offset " + offset + " answered " + rest.status());
        expect(rest.longHeader("Upload-Offset") == data.length, "after resuming the offset is "
                + rest.header("Upload-Offset").orElse("(none)") + ", expected " + data.length);
        if (p.target().claims(Target.VERDICT)) {
            JsonNode v = Cases.verdict(p, log, device, "S-lost-answer");
            expect("verified".equals(v.path("status").asText()), "status is " + v.path("status"));
            expect(v.path("bytes").asLong() == data.length, "the backend holds " + v.path("bytes") + " bytes, expected " + data.length);
            expect(v.path("copies").asInt() == 1, "the backend holds " + v.path("copies") + " copies");
        }
    }
}
