package io.bodycam.bench.live.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A JSON-lines file of the run record read line by line with each line's byte offset, so a reader can
 * keep offsets instead of lines and read a few of them again later. A missing file reads as empty.
 */
final class JsonLineFile {

    /** Receives each non-blank line. */
    @FunctionalInterface
    interface LineSink {
        void line(long offset, String text);
    }

    private JsonLineFile() {
    }

    static void scan(Path file, LineSink sink) throws IOException {
        if (!Files.isRegularFile(file)) {
            return;
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            byte[] line = new byte[1 << 12];
            int len = 0;
            long offset = 0;
            long lineStart = 0;
            int n;
            while ((n = in.read(buf)) > 0) {
                for (int i = 0; i < n; i++) {
                    byte b = buf[i];
                    if (b == '\n') {
                        emit(sink, lineStart, line, len);
                        len = 0;
                        lineStart = offset + i + 1;
                    } else {
                        if (len == line.length) {
                            line = Arrays.copyOf(line, len * 2);
                        }
                        line[len++] = b;
                    }
                }
                offset += n;
            }
            emit(sink, lineStart, line, len);
        }
    }

    private static void emit(LineSink sink, long offset, byte[] line, int len) {
        if (len > 0) {
            String text = new String(line, 0, len, StandardCharsets.UTF_8);
            if (!text.isBlank()) {
                sink.line(offset, text);
            }
        }
    }

    /** The lines starting at {@code offsets}, in that order. */
    static List<String> read(Path file, long[] offsets) throws IOException {
        List<String> lines = new ArrayList<>(offsets.length);
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            for (long offset : offsets) {
                f.seek(offset);
                String raw = f.readLine();
                if (raw != null) {
                    lines.add(new String(raw.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
                }
            }
        }
        return lines;
    }
}
