package io.bodycam.bench.conform;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;

/** What the kit decided about one backend: every case with its evidence, as JSON, JUnit XML and one HTML page. */
public record ConformanceReport(Target target, List<CaseResult> results) {

    public ConformanceReport {
        results = List.copyOf(results);
    }

    /** True when every applicable case passed. */
    public boolean passed() {
        return count(Verdict.FAIL) == 0;
    }

    public long count(Verdict v) {
        return results.stream().filter(r -> r.verdict() == v).count();
    }

    /** One line, e.g. {@code 13 passed, 1 failed, 2 not applicable}. */
    public String tally() {
        return count(Verdict.PASS) + " passed, " + count(Verdict.FAIL) + " failed, " + count(Verdict.NOT_APPLICABLE) + " not applicable";
    }

    /** Writes {@code conformance.json}, {@code conformance-junit.xml} and {@code conformance.html} into {@code dir}. */
    public void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        try (JsonGenerator g = new JsonFactory().createGenerator(dir.resolve("conformance.json").toFile(), JsonEncoding.UTF8)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeStringField("mqtt", target.mqtt().toString());
            g.writeStringField("upload", target.upload().toString());
            g.writeArrayFieldStart("capabilities");
            for (String c : new TreeSet<>(target.capabilities())) {
                g.writeString(c);
            }
            g.writeEndArray();
            if (target.claims(Target.HEAD_DEADLINE)) {
                g.writeNumberField("headDeadlineMillis", target.headDeadline().toMillis());
            }
            g.writeBooleanField("passed", passed());
            g.writeArrayFieldStart("cases");
            for (CaseResult r : results) {
                g.writeStartObject();
                g.writeStringField("id", r.id());
                g.writeStringField("title", r.title());
                g.writeArrayFieldStart("clauses");
                for (String c : r.clauses()) {
                    g.writeString(c);
                }
                g.writeEndArray();
                g.writeStringField("verdict", r.verdict().name());
                g.writeNumberField("millis", r.millis());
                g.writeStringField("evidence", r.evidence());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        try (Writer w = Files.newBufferedWriter(dir.resolve("conformance-junit.xml"), StandardCharsets.UTF_8)) {
            w.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
            w.write("<testsuite name=\"bodycam conform\" tests=\"" + results.size() + "\" failures=\"" + count(Verdict.FAIL)
                    + "\" skipped=\"" + count(Verdict.NOT_APPLICABLE) + "\">\n");
            for (CaseResult r : results) {
                w.write("  <testcase classname=\"conform\" name=\"" + xml(r.id() + " " + r.title()) + "\" time=\"" + r.millis() / 1000.0 + "\">");
                if (r.verdict() == Verdict.FAIL) {
                    w.write("<failure message=\"" + xml(lastLine(r.evidence())) + "\">" + xml(r.evidence()) + "</failure>");
                } else if (r.verdict() == Verdict.NOT_APPLICABLE) {
                    w.write("<skipped message=\"" + xml(r.evidence()) + "\"/>");
                } else {
                    w.write("<system-out>" + xml(r.evidence()) + "</system-out>");
                }
                w.write("</testcase>\n");
            }
            w.write("</testsuite>\n");
        }
        try (Writer w = Files.newBufferedWriter(dir.resolve("conformance.html"), StandardCharsets.UTF_8)) {
            ConformanceHtml.write(this, w);
        }
    }

    private static String lastLine(String s) {
        return s.substring(s.lastIndexOf('\n') + 1);
    }

    /** Escapes text for XML 1.0, which cannot carry most control characters at all (they become hex escapes). */
    private static String xml(String s) {
        return ConformanceHtml.esc(s);
    }
}
