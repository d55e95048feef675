package io.bodycam.reports.html;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bodycam.record.AssertionOutcome;
import io.bodycam.record.RunRecord;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Two runs side by side (a baseline A and a candidate B, e.g. two backend builds or firmware
 * versions): the same page with both runs in every chart and table, and the key figures' deltas, a
 * change for the worse beyond its tolerance ({@link KeyMetric}) flagged as a regression, as is an
 * assertion that passed in A and fails in B.
 */
public final class ComparisonReport {

    /**
     * What the comparison found.
     *
     * @param text        the deltas as console lines
     * @param regressions key figures and assertions that got worse
     */
    public record Result(String text, int regressions) {
    }

    private ComparisonReport() {
    }

    /** Writes the page to {@code file} and returns the findings. */
    public static Result write(RunRecord a, RunRecord b, Path file) {
        ObjectNode data = Json.object();
        ArrayNode runs = data.putArray("runs");
        runs.add(RunDigest.of(a));
        runs.add(RunDigest.of(b));
        data.set("percentiles", LatencyDigest.labels());
        data.put("echarts", Page.echartsVersion());
        StringBuilder text = new StringBuilder(String.format("bodycam compare   A %s   B %s%n", a.dir(), b.dir()));
        int regressions = 0;
        ArrayNode deltas = data.putArray("deltas");
        for (KeyMetric m : KeyMetric.ALL) {
            double va = a.metric(m.name()).orElse(Double.NaN);
            double vb = b.metric(m.name()).orElse(Double.NaN);
            if (Double.isNaN(va) && Double.isNaN(vb)) {
                continue;
            }
            boolean regressed = m.regressed(va, vb);
            boolean improved = m.better() != KeyMetric.Better.NEITHER && !Double.isNaN(va) && !Double.isNaN(vb)
                    && m.regressed(vb, va);
            ObjectNode d = deltas.addObject();
            d.put("name", m.name());
            d.put("label", m.label());
            d.put("unit", m.unit());
            Json.put(d, "a", va);
            Json.put(d, "b", vb);
            d.put("flag", regressed ? "regression" : improved ? "improvement" : "");
            if (regressed) {
                regressions++;
                text.append(String.format(Locale.ROOT, "  REGRESSION  %-34s A %s  B %s%n", m.name(),
                        ConsoleNumber.of(va), ConsoleNumber.of(vb)));
            }
        }
        Map<String, Boolean> passedInA = new HashMap<>();
        a.assertions().forEach(r -> passedInA.put(r.expr(), r.passed()));
        for (AssertionOutcome r : b.assertions()) {
            if (!r.passed() && Boolean.TRUE.equals(passedInA.get(r.expr()))) {
                regressions++;
                text.append(String.format("  REGRESSION  assertion %s passed in A, fails in B%n", r.expr()));
            }
        }
        text.append(String.format("  %d regression%s%n", regressions, regressions == 1 ? "" : "s"));
        data.put("regressions", regressions);
        HtmlReport.write(Page.render("bodycam compare " + a.scenario() + " vs " + b.scenario()
                + (regressions == 0 ? "" : ": " + regressions + " regressions"), data), file);
        return new Result(text.toString(), regressions);
    }
}
