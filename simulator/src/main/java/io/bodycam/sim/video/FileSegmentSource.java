package io.bodycam.sim.video;

import io.bodycam.sim.recording.SegmentSource;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.CompletionStage;

/**
 * A segment file on the camera's card, read by range for upload (one chunk at a time, from the page
 * cache). It is {@link #deferred() deferred}: an uploader's reads run on the {@link VideoWorkers}, never
 * on the camera's event loop. A damaged copy models a card that went bad after the file was hashed: one
 * byte in the middle reads flipped, as for synthetic payloads.
 */
public final class FileSegmentSource implements SegmentSource {

    private final Path file;
    private final long length;
    private final long flipped;
    private final VideoWorkers workers;

    /**
     * @param length  the length the camera recorded for the file
     * @param workers where {@link #read(long, int, ByteBufAllocator)} reads
     */
    public FileSegmentSource(Path file, long length, boolean damaged, VideoWorkers workers) {
        this.file = file;
        this.length = length;
        this.flipped = damaged && length > 0 ? length / 2 : -1;
        this.workers = workers;
    }

    @Override
    public long length() {
        return length;
    }

    /** Reads on a video worker; the stage completes there with the filled buffer (or fails, leaving none). */
    @Override
    public CompletionStage<ByteBuf> read(long offset, int len, ByteBufAllocator alloc) {
        return workers.submit(() -> {
            ByteBuf target = alloc.buffer(len);
            try {
                read(offset, len, target);
                return target;
            } catch (RuntimeException e) {
                target.release();
                throw e;
            }
        });
    }

    @Override
    public boolean deferred() {
        return true;
    }

    /** Reads on the caller's thread, waiting for the disk: for the video workers, never for an event loop. */
    @Override
    public void read(long offset, int len, ByteBuf target) {
        if (offset < 0 || len < 0 || offset + len > length) {
            throw new IndexOutOfBoundsException("segment file of " + length + " bytes, asked " + offset + "+" + len);
        }
        int start = target.writerIndex();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            int done = 0;
            while (done < len) {
                int n = target.writeBytes(ch, offset + done, len - done);
                if (n < 0) {
                    throw new IOException("file ends at " + (offset + done) + ", the camera recorded " + length + " bytes");
                }
                done += n;
            }
        } catch (IOException e) {
            target.writerIndex(start);
            throw new UncheckedIOException("cannot read segment file " + file + ": " + e.getMessage(), e);
        }
        if (flipped >= offset && flipped < offset + len) {
            int at = start + (int) (flipped - offset);
            target.setByte(at, target.getByte(at) ^ 0x5A);
        }
    }

    /** Reads the whole file on the caller's thread: for the video workers ({@link SegmentCard#sha256}). */
    @Override
    public String sha256() {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            ByteBuffer buf = ByteBuffer.allocate(1 << 16);
            long at = 0;
            while (at < length) {
                buf.clear().limit((int) Math.min(buf.capacity(), length - at));
                int n = ch.read(buf, at);
                if (n < 0) {
                    break;
                }
                if (flipped >= at && flipped < at + n) {
                    int i = (int) (flipped - at);
                    buf.put(i, (byte) (buf.get(i) ^ 0x5A));
                }
                digest.update(buf.array(), 0, n);
                at += n;
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read segment file " + file + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
