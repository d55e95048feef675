package io.bodycam.record.merge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bodycam.record.RecordException;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;

/**
 * A JSON-lines file of the record read one line at a time, each with its text (written to the merged
 * record as it was) and its object. A line that is not a JSON object (a run killed mid-write) is
 * skipped, as every reader of the record skips it; a missing file reads as empty.
 */
final class JsonLines implements Iterator<JsonLines.Line>, AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One line: its text and its object. */
    record Line(String text, JsonNode node) {
    }

    private final Path file;
    private final BufferedReader in;
    private Line next;

    JsonLines(Path file) {
        this.file = file;
        try {
            this.in = Files.isRegularFile(file) ? Files.newBufferedReader(file, StandardCharsets.UTF_8) : null;
        } catch (IOException e) {
            throw new RecordException("cannot read " + file + ": " + e.getMessage());
        }
        read();
    }

    private void read() {
        next = null;
        if (in == null) {
            return;
        }
        try {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    JsonNode n = JSON.readTree(line);
                    if (n != null && n.isObject()) {
                        next = new Line(line, n);
                        return;
                    }
                } catch (IOException cutShort) {
                    // skipped, as RunRecord's readers skip it
                }
            }
        } catch (IOException e) {
            throw new RecordException("cannot read " + file + ": " + e.getMessage());
        }
    }

    @Override
    public boolean hasNext() {
        return next != null;
    }

    @Override
    public Line next() {
        Line n = next;
        read();
        return n;
    }

    /** The next line without taking it, or null at the end. */
    Line peek() {
        return next;
    }

    @Override
    public void close() {
        if (in != null) {
            try {
                in.close();
            } catch (IOException ignored) {
                // nothing was written through it
            }
        }
    }
}
