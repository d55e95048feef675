package io.bodycam.reports.html;

import java.util.Locale;

/** Numbers as people read them in the report's text: no trailing zeros, thousands grouped. */
final class ConsoleNumber {

    private ConsoleNumber() {
    }

    static String of(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.format(Locale.ROOT, "%,d", (long) v);
        }
        String s = String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%,.1f" : Math.abs(v) >= 1 ? "%.2f" : "%.3f", v);
        return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }
}
