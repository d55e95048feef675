package io.bodycam.record.files;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bodycam.record.RecordException;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Reads a JSON-lines file of the record one object at a time. A line that is not JSON (a run killed
 * while writing its last line, say) is skipped and counted, never fatal; a file that is missing reads
 * as empty (older records lack the newer files).
 */
final class JsonLinesReader {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonLinesReader() {
    }

    /** Hands each line's object to {@code each}; returns the lines that could not be read. */
    static long read(Path file, Consumer<JsonNode> each) {
        return read(file, line -> true, each);
    }

    /** As {@link #read(Path, Consumer)}, parsing only the lines {@code worthParsing} accepts (a cheap text filter). */
    static long read(Path file, Predicate<String> worthParsing, Consumer<JsonNode> each) {
        if (!Files.isRegularFile(file)) {
            return 0;
        }
        long bad = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank() || !worthParsing.test(line)) {
                    continue;
                }
                JsonNode node;
                try {
                    node = JSON.readTree(line);
                } catch (IOException e) {
                    bad++;
                    continue;
                }
                if (node != null && node.isObject()) {
                    each.accept(node);
                } else {
                    bad++;
                }
            }
        } catch (IOException e) {
            throw new RecordException("cannot read " + file + ": " + e.getMessage());
        }
        return bad;
    }
}
