package io.bodycam.sim.upload.internal;

import java.nio.charset.StandardCharsets;

/** Percent-encoding of names in URL paths and query values, the strict way SigV4 and Swift both accept. */
public final class PercentEncoding {

    private PercentEncoding() {
    }

    /**
     * Every UTF-8 byte of {@code s} but the unreserved {@code A-Z a-z 0-9 - _ . ~} (and {@code /} when
     * {@code keepSlash}, for object names with folders) as {@code %XY} in upper-case hex (RFC 3986, 2.1).
     */
    public static String encode(String s, boolean keepSlash) {
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
                    || c == '.' || c == '~' || (keepSlash && c == '/')) {
                out.append(c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
