package io.bodycam.sim.firmware;

import java.util.Comparator;
import java.util.regex.Pattern;

/**
 * Firmware version numbers as the contract writes them: two to four dot-separated numbers
 * ({@code 4.13.0}), compared number by number, so a camera can refuse a rollback
 * (docs/domain.md#firmware-signing).
 */
public final class FirmwareVersion {

    private static final Pattern FORMAT = Pattern.compile("\\d{1,6}(\\.\\d{1,6}){1,3}");

    /** Orders well-formed versions; a malformed one sorts before every well-formed one. */
    public static final Comparator<String> ORDER = FirmwareVersion::compare;

    private FirmwareVersion() {
    }

    public static boolean valid(String version) {
        return version != null && FORMAT.matcher(version).matches();
    }

    /** Returns {@code version} if well formed, else throws naming the format. */
    public static String require(String version) {
        if (!valid(version)) {
            throw new IllegalArgumentException("firmware version must be 2 to 4 dot-separated numbers like 4.13.0, was '"
                    + version + "'");
        }
        return version;
    }

    /** Negative, zero or positive as {@code a} is older than, the same as or newer than {@code b}. */
    public static int compare(String a, String b) {
        boolean va = valid(a);
        boolean vb = valid(b);
        if (!va || !vb) {
            return Boolean.compare(va, vb);
        }
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int c = Integer.compare(i < x.length ? Integer.parseInt(x[i]) : 0, i < y.length ? Integer.parseInt(y[i]) : 0);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }
}
