package io.bodycam.bench.conform;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.net.URI;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** conformance.html from a report made by hand: what a reader sees of each verdict, and what a backend's bytes cannot do to the page. */
class ConformanceHtmlTest {

    private static String html(CaseResult... results) throws Exception {
        ConformanceReport r = new ConformanceReport(new Target(URI.create("tcp://127.0.0.1:1883"), URI.create("http://127.0.0.1:8080"),
                Set.of(Target.HEAD_DEADLINE)), List.of(results));
        StringWriter w = new StringWriter();
        ConformanceHtml.write(r, w);
        return w.toString();
    }

    @Test
    void a_failure_shows_its_evidence_unfolded_and_escaped() throws Exception {
        String page = html(
                new CaseResult("TUS-OFFSET-01", "offset", List.of("tus 1.0.0 PATCH"), Verdict.PASS, "PATCH -> 409", 3),
                new CaseResult("MQTT-BADACK-01", "bad ack", List.of("contract MQTT: cmd/ack"), Verdict.FAIL,
                        "heard <script>alert(1)</script> & \u0000\nFAIL: gone", 7),
                new CaseResult("TIME-01", "time", List.of("contract HTTP: GET /time"), Verdict.NOT_APPLICABLE, "needs capability 'time'", 0));

        assertTrue(page.contains("bodycam conform <span class=\"verdict FAIL\">FAILED</span>"), page);
        assertTrue(page.contains("1 passed, 1 failed, 1 not applicable"), page);
        assertTrue(page.contains("head-deadline (head deadline 30000 ms)"), page);
        assertTrue(page.contains("<details open><summary>evidence</summary><pre>heard &lt;script&gt;alert(1)&lt;/script&gt; &amp; \\x00\nFAIL: gone</pre>"), page);
        assertTrue(page.contains("<details><summary>evidence</summary><pre>PATCH -&gt; 409</pre>"), page);
        assertTrue(page.contains("<summary>why not applicable</summary>") && page.contains(">N/A</span>"), page);
        assertFalse(page.contains("<script>"), "a backend's bytes must not become markup");
    }
}
