package io.bodycam.reports.html;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The report's data is built as a Jackson tree; numbers are rounded so the page stays small. */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    /** Adds a number with at most three decimals (NaN and infinities as null). */
    static void add(ArrayNode a, double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            a.addNull();
        } else if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            a.add((long) v);
        } else {
            a.add(round(v));
        }
    }

    static void put(ObjectNode o, String field, double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            o.putNull(field);
        } else if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            o.put(field, (long) v);
        } else {
            o.put(field, round(v));
        }
    }

    static double round(double v) {
        double abs = Math.abs(v);
        double scale = abs >= 100 ? 10 : abs >= 1 ? 1000 : 100_000;
        return Math.round(v * scale) / scale;
    }

    /** The tree as text that can sit inside a {@code <script>} element. */
    static String forScript(Object tree) {
        try {
            return MAPPER.writeValueAsString(tree).replace("</", "<\\/").replace("<!--", "<\\!--");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("report data cannot be written as JSON", e);
        }
    }
}
