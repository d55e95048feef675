package io.bodycam.bench.conform;

import static io.bodycam.bench.conform.Cases.logged;
import static io.bodycam.bench.conform.ConformanceCase.expect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bodycam.bench.conform.Http.Exchange;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/** The cases of the backend's side services a camera relies on: the clock it sets its own by. */
final class ServiceCases {

    /** How far the backend's clock may be from the kit's beyond the request's round trip. */
    private static final long TIME_TOLERANCE_MS = 2000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private ServiceCases() {
    }

    /**
     * {@code GET /time} (docs/contract, "HTTP") answers {@code {"epochMillis": n}} and a {@code Date}
     * header (RFC 9110, 6.6.1, one-second resolution); a camera that syncs by it is off by the error of
     * both. The kit compares them with its own clock, so it must run on a host with a synced clock.
     */
    static void time(Probe p, List<String> log) throws Exception {
        long before = System.currentTimeMillis();
        Exchange t = logged(log, p.http().send("GET", "/time", Map.of(), null));
        long after = System.currentTimeMillis();
        expect(t.status() == 200, "GET /time answered " + t.status());
        String body = new String(t.body(), StandardCharsets.UTF_8);
        log.add("  " + body + ", Date: " + t.header("Date").orElse("(none)") + "; the kit's clock read " + before
                + " before and " + after + " after");
        JsonNode n = JSON.readTree(body);
        expect(n.path("epochMillis").isIntegralNumber(), "no integral epochMillis in " + body);
        long epoch = n.path("epochMillis").asLong();
        long off = epoch < before ? epoch - before : epoch > after ? epoch - after : 0;
        expect(Math.abs(off) <= TIME_TOLERANCE_MS, "epochMillis is " + off + " ms off the kit's clock (allowed: "
                + TIME_TOLERANCE_MS + " ms beyond the round trip)");
        String date = t.header("Date").orElse(null);
        expect(date != null, "the answer carries no Date header");
        long dateMillis;
        try {
            dateMillis = ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new ConformanceCase.Failed("the Date header is not an HTTP date: " + date);
        }
        expect(Math.abs(dateMillis - epoch) <= TIME_TOLERANCE_MS, "Date (" + date + ") and epochMillis disagree by "
                + (dateMillis - epoch) + " ms");
    }
}
