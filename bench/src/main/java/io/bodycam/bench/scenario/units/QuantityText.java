package io.bodycam.bench.scenario.units;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a quantity such as "1h30m", "4 GB" or "-90s" into number-and-unit parts. Shared by
 * {@link Durations}, {@link DataSizes} and {@link DataRates}, which give the units their meaning.
 */
final class QuantityText {

    /** One number with the unit written after it; {@code unit} is empty for a bare number. */
    record Part(BigDecimal number, String numberText, String unit) { }

    /** A signed list of parts: "-1h30m" is negative with parts 1h and 30m. */
    record Parsed(boolean negative, List<Part> parts) { }

    private static final Pattern PART =
            Pattern.compile("\\G\\s*(\\d+(?:\\.\\d+)?|\\.\\d+)\\s*([^\\s\\d.+-][^\\s\\d]*)?\\s*");

    private QuantityText() {
    }

    /**
     * Parses {@code text} into parts.
     *
     * @param kind what the caller expects, for messages: "a duration"
     * @param example a valid value of that kind, for hints: "30s"
     */
    static Parsed parse(String text, String kind, String example) {
        String body = text.strip();
        if (body.isEmpty()) {
            throw new UnitFormatException("empty text is not " + kind, "write it like " + example);
        }
        boolean negative = body.startsWith("-");
        if (negative || body.startsWith("+")) {
            body = body.substring(1);
        }
        Matcher matcher = PART.matcher(body);
        List<Part> parts = new ArrayList<>();
        int end = 0;
        while (end < body.length() && matcher.find() && matcher.start() == end && matcher.end() > end) {
            String number = matcher.group(1);
            String unit = matcher.group(2) == null ? "" : matcher.group(2);
            parts.add(new Part(new BigDecimal(number), number, unit));
            end = matcher.end();
        }
        if (parts.isEmpty() || end < body.length()) {
            throw new UnitFormatException("'" + text.strip() + "' is not " + kind,
                    "write it like " + example);
        }
        return new Parsed(negative, List.copyOf(parts));
    }

    /** The single part of a quantity that allows only one ("4GB", not "4GB 500MB"). */
    static Part single(String text, String kind, String example, String unitsHint) {
        Parsed parsed = parse(text, kind, example);
        if (parsed.parts().size() != 1) {
            throw new UnitFormatException("'" + text.strip() + "' is not " + kind
                    + ": give one number with one unit", "write it like " + example);
        }
        Part part = parsed.parts().get(0);
        if (part.unit().isEmpty()) {
            throw bareNumber(part.numberText(), example, unitsHint);
        }
        return parsed.negative() ? new Part(part.number().negate(), "-" + part.numberText(), part.unit()) : part;
    }

    static UnitFormatException bareNumber(String number, String example, String unitsHint) {
        return new UnitFormatException("found a bare number " + number + "; give a unit, e.g. " + example, unitsHint);
    }

    /** Formats an exact value compactly: 1.50 as "1.5", 2E+3 as "2000". */
    static String plain(BigDecimal value) {
        return value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString();
    }
}
