package io.bodycam.sim.video;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/** Walks the top-level boxes of an MP4 file (ISO/IEC 14496-12, 4.2: 32-bit size, type, 64-bit size when 1). */
final class Mp4Boxes {

    private Mp4Boxes() {
    }

    /** Offset of the first top-level box of {@code type}, if the file has one. */
    static Optional<Long> offsetOf(Path file, String type) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            long at = 0;
            ByteBuffer head = ByteBuffer.allocate(16);
            while (at + 8 <= size) {
                head.clear();
                ch.read(head, at);
                head.flip();
                long boxSize = Integer.toUnsignedLong(head.getInt(0));
                String boxType = new String(new byte[] {head.get(4), head.get(5), head.get(6), head.get(7)}, StandardCharsets.ISO_8859_1);
                if (boxType.equals(type)) {
                    return Optional.of(at);
                }
                if (boxSize == 1 && head.limit() >= 16) {
                    boxSize = head.getLong(8);
                } else if (boxSize == 0) {
                    return Optional.empty();
                }
                if (boxSize < 8) {
                    return Optional.empty();
                }
                at += boxSize;
            }
            return Optional.empty();
        }
    }
}
