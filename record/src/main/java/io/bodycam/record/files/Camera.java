package io.bodycam.record.files;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One line of {@code devices.jsonl}, the fleet roster: a camera's id, its 1-based index in the fleet,
 * its group and agency.
 */
public record Camera(String deviceId, int index, String group, String agency) {

    public static List<Camera> read(Path file) {
        List<Camera> list = new ArrayList<>();
        JsonLinesReader.read(file, n -> list.add(new Camera(n.path("deviceId").asText(), n.path("index").asInt(),
                n.path("group").asText(""), n.path("agency").asText(""))));
        return list;
    }
}
