package io.bodycam.bench.scenario.units;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads and writes data sizes in bytes: SI units are 1000-based ("64GB", "4 GB", "1.8GB"),
 * IEC units 1024-based ("512MiB", "1GiB"). Bits ("Mb") are refused with a hint, since a
 * megabit-for-megabyte slip is a factor of eight.
 */
public final class DataSizes {

    /** The units a data size may use, for hints. */
    public static final String UNITS = "B, kB, MB, GB, TB (1000-based) or KiB, MiB, GiB, TiB (1024-based)";

    private static final String KIND = "a data size";
    private static final String EXAMPLE = "64GB";
    private static final String HINT = "data size units: " + UNITS;

    /** Units in the order {@link #format} prefers them when two spellings are equally short. */
    private static final Map<String, Long> FORMAT_UNITS = new LinkedHashMap<>();
    private static final Map<String, Long> PARSE_UNITS = new LinkedHashMap<>();

    static {
        String[] si = {"kB", "MB", "GB", "TB", "PB"};
        String[] iec = {"KiB", "MiB", "GiB", "TiB", "PiB"};
        long decimal = 1;
        long binary = 1;
        for (int i = 0; i < si.length; i++) {
            decimal *= 1000;
            binary *= 1024;
            FORMAT_UNITS.put(si[i], decimal);
            FORMAT_UNITS.put(iec[i], binary);
        }
        FORMAT_UNITS.put("B", 1L);
        PARSE_UNITS.putAll(FORMAT_UNITS);
        PARSE_UNITS.put("KB", 1000L);
        PARSE_UNITS.put("byte", 1L);
        PARSE_UNITS.put("bytes", 1L);
    }

    private DataSizes() {
    }

    /**
     * Parses a data size into bytes, rounding a fractional byte to the nearest.
     *
     * @throws UnitFormatException if the text is not a data size or does not fit a {@code long}
     */
    public static long parse(String text) {
        BigDecimal bytes = parseBytes(text).setScale(0, RoundingMode.HALF_UP);
        try {
            return bytes.longValueExact();
        } catch (ArithmeticException e) {
            throw new UnitFormatException("'" + text.strip() + "' is too large for a data size", HINT);
        }
    }

    /** Parses a data size into exact bytes, so that a caller can range-check a huge value. */
    public static BigDecimal parseBytes(String text) {
        QuantityText.Part part = QuantityText.single(text, KIND, EXAMPLE, HINT);
        Long factor = PARSE_UNITS.get(part.unit());
        if (factor == null) {
            throw unknownUnit(part.unit(), text);
        }
        return part.number().multiply(BigDecimal.valueOf(factor));
    }

    private static UnitFormatException unknownUnit(String unit, String text) {
        String upper = unit.toUpperCase(Locale.ROOT);
        if (unit.endsWith("b") && PARSE_UNITS.containsKey(upper.replace("K", "k"))) {
            return new UnitFormatException("'" + unit + "' in '" + text.strip() + "' reads as bits; a data size is in bytes",
                    "write " + upper.replace("K", "k") + " (capital B for bytes)");
        }
        if (unit.endsWith("/s")) {
            return new UnitFormatException("'" + text.strip() + "' is a data rate, not a data size",
                    "write a size such as " + EXAMPLE);
        }
        return new UnitFormatException("unknown unit '" + unit + "' in '" + text.strip() + "'", HINT);
    }

    /**
     * Formats a byte count exactly in the shortest spelling {@link #parse} reads back to the same
     * count: 64000000000 as "64GB", 536870912 as "512MiB", 1800000000 as "1.8GB", 999 as "999B".
     */
    public static String format(long bytes) {
        if (bytes == 0) {
            return "0B";
        }
        BigDecimal value = BigDecimal.valueOf(bytes);
        String best = null;
        for (Map.Entry<String, Long> unit : FORMAT_UNITS.entrySet()) {
            BigDecimal scaled = value.divide(BigDecimal.valueOf(unit.getValue()));
            if (scaled.abs().compareTo(BigDecimal.ONE) < 0 || scaled.stripTrailingZeros().scale() > 3) {
                continue;
            }
            String candidate = QuantityText.plain(scaled) + unit.getKey();
            if (best == null || candidate.length() - unit.getKey().length() < numberLength(best)) {
                best = candidate;
            }
        }
        return best;
    }

    private static int numberLength(String formatted) {
        int i = 0;
        while (i < formatted.length() && !Character.isLetter(formatted.charAt(i))) {
            i++;
        }
        return i;
    }
}
