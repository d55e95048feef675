package io.bodycam.sim.upload;

import io.bodycam.sim.net.Transport;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A minimal tus server for client tests whose answers a test can script: it keeps offsets right
 * (no hashing, no checks beyond the offset) and logs every request, and before handling a request
 * it takes the next scripted fault for that method, if any: answer a status, drop the connection,
 * or never answer. OPTIONS announces the checksum extension (see {@link #offers}) and is counted apart
 * from the log.
 */
final class ScriptedTusServer implements AutoCloseable {

    /** A logged request: method, path, Upload-Offset (-1 if none), body length and Upload-Checksum (null if none). */
    record Seen(String method, String path, long offset, int bodyBytes, String checksum) {
        @Override
        public String toString() {
            return method + " " + path + (offset >= 0 ? " @" + offset : "") + (bodyBytes > 0 ? " +" + bodyBytes : "");
        }
    }

    private static final int STALL = -1;
    private static final int DROP = -2;

    private final EventLoopGroup group = Transport.best().newGroup(1);
    private final Channel channel;
    private final Map<String, long[]> uploads = new ConcurrentHashMap<>();
    private final Map<String, Queue<Integer>> faults = new ConcurrentHashMap<>();
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger discoveries = new AtomicInteger();
    private final AtomicInteger ids = new AtomicInteger();
    private volatile boolean closeAfterEachAnswer;
    private volatile String getBody = "{}";
    private volatile int getStatus = 200;
    private volatile String extensions = "creation,checksum";
    private volatile String checksumAlgorithms = "sha1,sha256";

    ScriptedTusServer() throws InterruptedException {
        channel = new ServerBootstrap().group(group).channel(Transport.best().serverChannel())
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        connections.incrementAndGet();
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(16 << 20),
                                new Handler());
                    }
                }).bind("127.0.0.1", 0).sync().channel();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + ((InetSocketAddress) channel.localAddress()).getPort());
    }

    /** The next request with {@code method} is answered {@code status} without being processed. */
    ScriptedTusServer answerNext(String method, int status) {
        faults.computeIfAbsent(method, m -> new ArrayDeque<>()).add(status);
        return this;
    }

    /** The next request with {@code method} gets its connection closed instead of an answer. */
    ScriptedTusServer dropNext(String method) {
        return answerNext(method, DROP);
    }

    /** The next request with {@code method} is never answered. */
    ScriptedTusServer stallNext(String method) {
        return answerNext(method, STALL);
    }

    /** Answers every request with {@code Connection: close}. */
    ScriptedTusServer closeAfterEachAnswer() {
        closeAfterEachAnswer = true;
        return this;
    }

    /** What OPTIONS announces in Tus-Extension and Tus-Checksum-Algorithm (null: the header is left out). */
    ScriptedTusServer offers(String extensions, String checksumAlgorithms) {
        this.extensions = extensions;
        this.checksumAlgorithms = checksumAlgorithms;
        return this;
    }

    /** What every GET answers. */
    ScriptedTusServer getAnswers(int status, String body) {
        this.getStatus = status;
        this.getBody = body;
        return this;
    }

    List<Seen> seen() {
        return List.copyOf(seen);
    }

    /** OPTIONS requests received (answered, but kept out of {@link #seen()}). */
    int discoveries() {
        return discoveries.get();
    }

    int connections() {
        return connections.get();
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            String method = request.method().name();
            String path = request.uri();
            String offsetHeader = request.headers().get("Upload-Offset");
            if (method.equals("OPTIONS")) {
                discoveries.incrementAndGet();
            } else {
                seen.add(new Seen(method, path, offsetHeader == null ? -1 : Long.parseLong(offsetHeader),
                    request.content().readableBytes(), request.headers().get("Upload-Checksum")));
            }
            Queue<Integer> queue = faults.get(method);
            Integer fault = queue == null ? null : queue.poll();
            if (fault != null && fault == STALL) {
                return;
            }
            if (fault != null && fault == DROP) {
                ctx.close();
                return;
            }
            FullHttpResponse response = fault != null ? answer(fault, "scripted") : handle(method, path, request);
            response.headers().set("Tus-Resumable", "1.0.0");
            HttpUtil.setContentLength(response, response.content().readableBytes());
            if (closeAfterEachAnswer) {
                HttpUtil.setKeepAlive(response, false);
                ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
            } else {
                ctx.writeAndFlush(response);
            }
        }

        private FullHttpResponse handle(String method, String path, FullHttpRequest request) {
            switch (method) {
                case "POST": {
                    String id = "u" + ids.incrementAndGet();
                    uploads.put(id, new long[] {0, Long.parseLong(request.headers().get("Upload-Length"))});
                    FullHttpResponse r = answer(201, "");
                    r.headers().set("Location", "/files/" + id);
                    return r;
                }
                case "HEAD": {
                    long[] upload = uploads.get(path.substring("/files/".length()));
                    if (upload == null) {
                        return answer(404, "");
                    }
                    FullHttpResponse r = answer(200, "");
                    r.headers().set("Upload-Offset", upload[0]).set("Upload-Length", upload[1]);
                    return r;
                }
                case "PATCH": {
                    long[] upload = uploads.get(path.substring("/files/".length()));
                    if (upload == null) {
                        return answer(404, "");
                    }
                    if (Long.parseLong(request.headers().get("Upload-Offset")) != upload[0]) {
                        return answer(409, "");
                    }
                    upload[0] += request.content().readableBytes();
                    FullHttpResponse r = answer(204, "");
                    r.headers().set("Upload-Offset", upload[0]);
                    return r;
                }
                case "GET":
                    return answer(getStatus, getBody);
                case "OPTIONS": {
                    FullHttpResponse r = answer(204, "");
                    r.headers().set("Tus-Version", "1.0.0");
                    if (extensions != null) {
                        r.headers().set("Tus-Extension", extensions);
                    }
                    if (checksumAlgorithms != null) {
                        r.headers().set("Tus-Checksum-Algorithm", checksumAlgorithms);
                    }
                    return r;
                }
                default:
                    return answer(405, "");
            }
        }

        private FullHttpResponse answer(int status, String body) {
            return new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status),
                    Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
        }
    }
}
