package io.bodycam.record.files;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One line of {@code devices.jsonl}, the fleet roster: a camera's id, its 1-based index in the fleet,
 * its group and agency.
 */
public record Camera(String deviceId, int index, String group, String agency) {

    private static final String DEVICE_ID = "deviceId";
    private static final String INDEX = "index";
    private static final String GROUP = "group";
    private static final String AGENCY = "agency";

    public static List<Camera> read(Path file) {
        List<Camera> list = new ArrayList<>();
        JsonLinesReader.read(file, n -> list.add(new Camera(n.path(DEVICE_ID).asText(), n.path(INDEX).asInt(),
                n.path(GROUP).asText(""), n.path(AGENCY).asText(""))));
        return list;
    }

    /** Writes the roster, a camera a line in the order given. */
    public static void write(Path file, Iterable<Camera> cameras) throws IOException {
        try (JsonLinesWriter out = new JsonLinesWriter(file)) {
            for (Camera c : cameras) {
                out.line(g -> {
                    g.writeStringField(DEVICE_ID, c.deviceId());
                    g.writeNumberField(INDEX, c.index());
                    g.writeStringField(GROUP, c.group());
                    g.writeStringField(AGENCY, c.agency());
                });
            }
        }
    }
}
