package io.bodycam.reports;

import io.bodycam.record.AssertionOutcome;
import io.bodycam.record.RunRecord;
import io.bodycam.record.SummaryMetrics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The run's assertions as JUnit XML: one test suite per run, one test case per assertion, a failure
 * carrying the measured value, so any CI shows a run's verdict natively (as Gatling exports its
 * assertions).
 */
public final class JunitXmlReport {

    private JunitXmlReport() {
    }

    public static String render(RunRecord record) {
        List<AssertionOutcome> results = record.assertions();
        long failures = results.stream().filter(r -> !r.passed()).count();
        long skipped = results.stream().filter(AssertionOutcome::deferred).count();
        double seconds = record.metric("run.wallTime").orElse(0.0) / 1000;
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        sb.append("<testsuite name=\"bodycam.").append(escape(record.scenario()))
                .append("\" tests=\"").append(results.size())
                .append("\" failures=\"").append(failures)
                .append("\" errors=\"0\" skipped=\"").append(skipped).append("\" time=\"").append(String.format(java.util.Locale.ROOT, "%.3f", seconds))
                .append("\">\n");
        sb.append("  <properties>\n");
        sb.append("    <property name=\"seed\" value=\"").append(record.summary().seed()).append("\"/>\n");
        sb.append("    <property name=\"devices\" value=\"").append(record.metric(SummaryMetrics.DEVICES_CONFIGURED).map(Double::intValue).orElse(0)).append("\"/>\n");
        sb.append("  </properties>\n");
        for (AssertionOutcome r : results) {
            sb.append("  <testcase classname=\"bodycam.").append(escape(record.scenario()))
                    .append("\" name=\"").append(escape(r.expr())).append("\"");
            if (r.deferred()) {
                sb.append(">\n    <skipped message=\"").append(escape(r.message())).append("\"/>\n  </testcase>\n");
            } else if (r.passed()) {
                sb.append("/>\n");
            } else {
                String msg = r.message().isEmpty() ? "actual " + actual(r) : r.message();
                sb.append(">\n    <failure message=\"").append(escape(msg)).append("\" type=\"AssertionFailed\">")
                        .append(escape(r.expr() + " failed: actual " + actual(r))).append("</failure>\n  </testcase>\n");
            }
        }
        sb.append("</testsuite>\n");
        return sb.toString();
    }

    /** Writes {@value RunRecord#JUNIT} into the run folder and returns its path. */
    public static Path write(RunRecord record) {
        Path out = record.dir().resolve(RunRecord.JUNIT);
        try {
            Files.writeString(out, render(record), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out, e);
        }
        return out;
    }

    private static String actual(AssertionOutcome r) {
        return r.actual() == null ? "not measured" : ConsoleSummary.number(r.actual()) + (r.unit().isEmpty() ? "" : " " + r.unit());
    }

    static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&apos;");
                default -> {
                    if (c < 0x20 && c != '\n' && c != '\t' && c != '\r') {
                        sb.append('?');
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }
}
