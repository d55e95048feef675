package io.bodycam.bench.conform;

import java.io.IOException;
import java.io.Writer;
import java.util.TreeSet;

/**
 * {@code conformance.html}: the report as one self-contained page (no scripts, no links out), opened
 * offline: the backend, what it claims, the tally, then every case with its clauses, its verdict and,
 * folded under it, the requests and answers that decided it. Failed cases come unfolded.
 */
final class ConformanceHtml {

    private static final String STYLE = """
            body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:72em;padding:0 1em;color:#222}
            h1{font-size:1.4em;margin:0 0 .3em}
            .verdict{font-weight:700;padding:.1em .5em;border-radius:3px;color:#fff}
            .PASS{background:#2e7d32}.FAIL{background:#c62828}.NOT_APPLICABLE{background:#757575}
            table{border-collapse:collapse;width:100%;margin-top:1em}
            th,td{text-align:left;vertical-align:top;padding:.35em .5em;border-bottom:1px solid #ddd}
            td.id{font-family:monospace;white-space:nowrap}
            ul{margin:0;padding-left:1.1em;color:#555}
            pre{white-space:pre-wrap;word-break:break-all;background:#f6f6f6;padding:.5em;margin:.3em 0 0;font-size:12px}
            summary{cursor:pointer;color:#555}
            dl{display:grid;grid-template-columns:max-content auto;gap:.2em 1em;margin:.5em 0}dt{color:#555}
            """;

    private ConformanceHtml() {
    }

    static void write(ConformanceReport report, Writer w) throws IOException {
        Target t = report.target();
        w.write("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>bodycam conform: "
                + (report.passed() ? "PASSED" : "FAILED") + "</title><style>" + STYLE + "</style></head><body>\n");
        w.write("<h1>bodycam conform <span class=\"verdict " + (report.passed() ? "PASS\">PASSED" : "FAIL\">FAILED")
                + "</span></h1>\n<dl>");
        row(w, "broker", t.mqtt().toString());
        row(w, "upload", t.upload().toString());
        row(w, "claims", t.capabilities().isEmpty() ? "nothing optional" : String.join(", ", new TreeSet<>(t.capabilities()))
                + (t.claims(Target.HEAD_DEADLINE) ? " (head deadline " + t.headDeadline().toMillis() + " ms)" : ""));
        row(w, "cases", report.tally());
        w.write("</dl>\n<table><thead><tr><th>case</th><th>checks</th><th>verdict</th><th>ms</th></tr></thead><tbody>\n");
        for (CaseResult r : report.results()) {
            w.write("<tr><td class=\"id\">" + esc(r.id()) + "</td><td>" + esc(r.title()) + "<ul>");
            for (String c : r.clauses()) {
                w.write("<li>" + esc(c) + "</li>");
            }
            w.write("</ul><details" + (r.verdict() == Verdict.FAIL ? " open" : "") + "><summary>"
                    + (r.verdict() == Verdict.NOT_APPLICABLE ? "why not applicable" : "evidence") + "</summary><pre>"
                    + esc(r.evidence()) + "</pre></details></td><td><span class=\"verdict " + r.verdict().name() + "\">"
                    + label(r.verdict()) + "</span></td><td>" + r.millis() + "</td></tr>\n");
        }
        w.write("</tbody></table>\n</body></html>\n");
    }

    private static String label(Verdict v) {
        return switch (v) {
            case PASS -> "PASS";
            case FAIL -> "FAIL";
            case NOT_APPLICABLE -> "N/A";
        };
    }

    private static void row(Writer w, String name, String value) throws IOException {
        w.write("<dt>" + esc(name) + "</dt><dd>" + esc(value) + "</dd>");
    }

    /** Escapes text for HTML, and drops the control characters a backend's bytes may carry. */
    static String esc(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        s.codePoints().forEach(c -> {
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                default -> {
                    if (c >= 0x20 || c == '\n' || c == '\t') {
                        sb.appendCodePoint(c);
                    } else {
                        sb.append(String.format("\\x%02X", c));
                    }
                }
            }
        });
        return sb.toString();
    }
}
