package io.bodycam.sim.upload;

import io.bodycam.sim.recording.ByteSource;
import io.netty.buffer.ByteBuf;
import java.util.Objects;

/** A {@link ByteSource} over a byte array (not copied: do not change it during an upload). */
public final class InMemoryByteSource implements ByteSource {

    private final byte[] bytes;

    public InMemoryByteSource(byte[] bytes) {
        this.bytes = Objects.requireNonNull(bytes, "bytes");
    }

    @Override
    public long length() {
        return bytes.length;
    }

    @Override
    public void read(long offset, int length, ByteBuf target) {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        target.writeBytes(bytes, (int) offset, length);
    }
}
