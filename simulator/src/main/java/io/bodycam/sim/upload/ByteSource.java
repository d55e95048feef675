package io.bodycam.sim.upload;

import io.netty.buffer.ByteBuf;

/**
 * The bytes of one segment, read by range so that an upload never holds more than one chunk: a
 * synthetic segment regenerates its deterministic bytes from an offset, a file reads from disk.
 */
public interface ByteSource {

    /** Total number of bytes. */
    long length();

    /**
     * Writes the bytes {@code [offset, offset + length)} to {@code target} (at its writer index). The
     * same range always yields the same bytes, so a resent chunk hashes the same.
     *
     * @throws IndexOutOfBoundsException if the range is not inside {@code [0, length())}
     */
    void read(long offset, int length, ByteBuf target);
}
