package io.bodycam.backend.http.internal;

import io.bodycam.sim.video.VideoWorkers;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.LastHttpContent;
import java.io.EOFException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;

/**
 * A GET of a stored file (a read-back): the file is opened on the disk pool, the answer's head goes out with
 * its length, and its bytes follow piece by piece, each read on the disk pool and written once the one before
 * it has gone to the socket, so a slow reader holds one piece in memory and the event loop never touches the
 * disk. A file that is gone by then answers 404; one that ends early closes the connection.
 */
final class FileAnswer implements RequestBody {

    private static final int PIECE = 256 * 1024;

    private final FullHttpResponse head;
    private final Path file;
    private final VideoWorkers disk;
    private final Answers answers;
    private Tail tail;

    /** @param head the answer's status and headers (its Content-Length is set from the file) */
    FileAnswer(FullHttpResponse head, Path file, VideoWorkers disk, Answers answers) {
        this.head = head;
        this.file = file;
        this.disk = disk;
        this.answers = answers;
    }

    /**
     * What a GET or HEAD of a stored file answers: for GET, {@code head} followed by the file's bytes; for HEAD,
     * {@code head} alone with the object's length.
     */
    static RequestBody serve(Backend backend, String method, FullHttpResponse head, Path file, long size) {
        if (method.equals("HEAD")) {
            head.headers().set(HttpHeaderNames.CONTENT_LENGTH, size);
            return FixedAnswer.afterBody(head, backend.limits().maxPatchBody());
        }
        return new FileAnswer(head, file, backend.objects().disk(), backend.answers());
    }

    @Override
    public FullHttpResponse immediate() {
        return null;
    }

    @Override
    public FullHttpResponse accept(ByteBuf piece) {
        return null;
    }

    @Override
    public CompletionStage<FullHttpResponse> finish() {
        return disk.submit(() -> FileChannel.open(file)).handle((channel, error) -> {
            if (error != null) {
                head.release();
                return answers.text(HttpResponseStatus.NOT_FOUND, "the stored object is gone: " + file.getFileName());
            }
            try {
                tail = new Tail(channel, channel.size(), disk);
            } catch (java.io.IOException e) {
                disk.submit(() -> {
                    channel.close();
                    return null;
                });
                head.release();
                return answers.text(HttpResponseStatus.INTERNAL_SERVER_ERROR, "cannot read the stored object: " + e);
            }
            head.headers().set(HttpHeaderNames.CONTENT_LENGTH, tail.length);
            return head;
        });
    }

    @Override
    public void abort() {
        head.release();
    }

    @Override
    public Tail tail() {
        return tail;
    }

    /** The open file and its length, sent after the head. */
    static final class Tail {

        private final FileChannel channel;
        private final long length;
        private final VideoWorkers disk;

        private Tail(FileChannel channel, long length, VideoWorkers disk) {
            this.channel = channel;
            this.length = length;
            this.disk = disk;
        }

        /** Writes {@code whole}'s status and headers as the head, then the file's bytes; on {@code ctx}'s loop. */
        void send(ChannelHandlerContext ctx, FullHttpResponse whole) {
            DefaultHttpResponse h = new DefaultHttpResponse(whole.protocolVersion(), whole.status(), whole.headers());
            whole.release();
            ctx.write(h);
            next(ctx, 0);
        }

        private void next(ChannelHandlerContext ctx, long position) {
            if (position >= length) {
                ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
                closeFile();
                return;
            }
            int n = (int) Math.min(PIECE, length - position);
            disk.submit(() -> read(position, n)).whenComplete((piece, error) -> {
                try {
                    ctx.executor().execute(() -> sendPiece(ctx, position, piece, error));
                } catch (RejectedExecutionException closed) {
                    if (piece != null) {
                        piece.release();
                    }
                    closeFile();
                }
            });
        }

        /** Reads a piece on the disk pool into a buffer of its own (not the pooled allocator the loops use). */
        private ByteBuf read(long position, int n) throws java.io.IOException {
            ByteBuffer piece = ByteBuffer.allocate(n);
            while (piece.hasRemaining()) {
                if (channel.read(piece, position + piece.position()) < 0) {
                    throw new EOFException("the stored file ended at " + (position + piece.position()) + " of "
                            + length + " bytes");
                }
            }
            return Unpooled.wrappedBuffer(piece.flip());
        }

        private void sendPiece(ChannelHandlerContext ctx, long position, ByteBuf piece, Throwable error) {
            if (error != null || !ctx.channel().isActive()) {
                if (piece != null) {
                    piece.release();
                }
                closeFile();
                ctx.close();
                return;
            }
            int n = piece.readableBytes();
            ctx.writeAndFlush(new DefaultHttpContent(piece)).addListener((ChannelFutureListener) f -> {
                if (f.isSuccess()) {
                    next(ctx, position + n);
                } else {
                    closeFile();
                    ctx.close();
                }
            });
        }

        private void closeFile() {
            disk.submit(() -> {
                channel.close();
                return null;
            });
        }
    }
}
