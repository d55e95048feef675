package io.bodycam.reports.html;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bodycam.record.RunRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code report.html}: one self-contained page about one run, built from its record alone. Verdict and
 * assertions; devices online and per mode over time; MQTT messages per second by topic kind; latency
 * percentiles over time and their distributions; upload throughput and record-to-verified; the
 * evidence ledger with the worst cameras; trouble grouped by kind; the breakdown by group; a map of
 * the GPS tracks; the scenario. Charts are ECharts, inlined, so the file opens offline.
 */
public final class HtmlReport {

    private HtmlReport() {
    }

    /** The page's text; refuses, with the reason, a record with nothing to chart. */
    public static String render(RunRecord record) {
        ObjectNode data = Json.object();
        data.putArray("runs").add(RunDigest.of(record));
        data.set("percentiles", LatencyDigest.labels());
        data.put("echarts", Page.echartsVersion());
        return Page.render("bodycam run " + record.scenario() + (record.passed() ? " passed" : " FAILED"), data);
    }

    /** Writes {@value RunRecord#REPORT} into the run folder and returns its path. */
    public static Path write(RunRecord record) {
        return write(render(record), record.dir().resolve(RunRecord.REPORT));
    }

    static Path write(String html, Path file) {
        try {
            Files.writeString(file, html, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return file;
    }
}
