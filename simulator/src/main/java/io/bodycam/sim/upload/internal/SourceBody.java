package io.bodycam.sim.upload.internal;

import io.bodycam.sim.upload.UploadException;
import io.bodycam.sim.upload.UploadException.Kind;
import io.bodycam.sim.upload.UploadPacer;
import io.netty.buffer.ByteBuf;
import java.security.MessageDigest;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The bytes {@code [from, to)} of an upload's source as a {@linkplain OutgoingBody streamed body}: pieces
 * read through the upload's {@link ChunkReader} (one piece ahead, off the loop for a file), each paced
 * on the link in virtual time before it goes out, and fed to the given digests on the way (an S3 part's
 * MD5, a segment's running SHA-256). Counts what it handed out, for the bytes-sent figures.
 */
public final class SourceBody implements OutgoingBody {

    private final ChunkReader reader;
    private final String name;
    private final long from;
    private final long to;
    private final int pieceSize;
    private final UploadPacer pacer;
    private final LoopTimers timers;
    private final List<MessageDigest> digests;
    private long at;
    private long sent;
    private boolean closed;

    /**
     * @param name    what the source is, for a read failure's message (the segment id)
     * @param digests fed with every piece in order (empty: none)
     */
    public SourceBody(ChunkReader reader, String name, long from, long to, int pieceSize, UploadPacer pacer,
                      LoopTimers timers, List<MessageDigest> digests) {
        this.reader = reader;
        this.name = name;
        this.from = from;
        this.to = to;
        this.pieceSize = pieceSize;
        this.pacer = pacer;
        this.timers = timers;
        this.digests = digests;
        this.at = from;
    }

    @Override
    public long length() {
        return to - from;
    }

    /** Bytes handed to the connection so far. */
    public long sent() {
        return sent;
    }

    @Override
    public void next(BiConsumer<ByteBuf, Throwable> then) {
        if (at == to) {
            then.accept(null, null);
            return;
        }
        long offset = at;
        int n = (int) Math.min(pieceSize, to - at);
        reader.take(offset, n, (piece, error) -> {
            if (closed) {
                if (piece != null) {
                    piece.release();
                }
            } else if (error != null) {
                Throwable cause = RetryingTask.unwrap(error);
                then.accept(null, new UploadException(Kind.READ_FAILED, 0, "cannot read bytes " + offset + ".."
                        + (offset + n) + " of " + name + ": " + cause.getMessage(), cause));
            } else {
                at = offset + n;
                digests.forEach(d -> Digests.update(d, piece));
                long delay = pacer.reserve(timers.now(), n);
                Runnable hand = () -> {
                    if (closed) {
                        piece.release();
                    } else {
                        sent += n;
                        then.accept(piece, null);
                    }
                };
                if (delay > 0) {
                    timers.after(delay, hand);
                } else {
                    hand.run();
                }
            }
        });
    }

    /**
     * Reads every piece without sending any (each feeds the digests and is released), then calls
     * {@code then} on the loop with {@code null}, or with why a piece could not be read: the hashing pass
     * over an S3 part whose SHA-256 must be signed before the part goes out. Nothing is called once closed.
     */
    public void drain(Consumer<Throwable> then) {
        next((piece, error) -> {
            if (piece != null) {
                piece.release();
            }
            if (closed) {
                return;
            }
            if (error != null || piece == null) {
                then.accept(error);
            } else {
                timers.onLoop(() -> drain(then));
            }
        });
    }

    @Override
    public void close() {
        closed = true;
    }
}
