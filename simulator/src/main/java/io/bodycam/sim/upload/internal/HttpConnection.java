package io.bodycam.sim.upload.internal;

import io.bodycam.sim.upload.ConnectionSettings;
import io.bodycam.sim.upload.UploadException;
import io.bodycam.sim.upload.UploadException.Kind;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A camera's one keep-alive HTTP/1.1 connection to a backend. Requests wait in a queue and go out one
 * at a time (no pipelining), so a verify can slip in between two upload chunks while memory stays at
 * one request body. The connection opens on demand and reopens after the server closes it.
 *
 * <p>A body is either built whole with its request or {@linkplain OutgoingBody streamed} piece by piece
 * as the channel takes it (an S3 part, a whole segment); an answer's body is gathered (up to 64 KiB) or
 * {@linkplain ReplyStream streamed} to a consumer (a read-back of a stored object).
 *
 * <p>A GET or HEAD that loses a reused connection before any of its answer is sent once more on a new
 * one: the server may have closed the idle connection just as the request went out. Other requests fail
 * with {@link Kind#CONNECTION_LOST} and the caller decides.
 *
 * <p>A request that makes no progress (no piece of its body written, nothing of its answer read) within
 * the timeout fails with {@link Kind#TIMEOUT} and the connection is closed, as tus 1.0.0 ("Core
 * Protocol", "PATCH") asks: "A timeout SHOULD be handled by closing the underlying connection." Every
 * method runs on the camera's event loop, and every future completes there.
 *
 * <p>An {@code https://} endpoint puts Netty's {@link SslHandler} first in the pipeline, from the camera's
 * TLS client context (its certificate for mutual TLS, its trust, hostname verification): the handshake runs
 * on the camera's own event loop, and the connection counts as open only once it succeeded. A failed
 * handshake (an untrusted or misnamed server certificate, a client certificate the server refuses) fails
 * the first waiting request with {@link Kind#CONNECT_FAILED} and the TLS error's text.
 */
public final class HttpConnection {

    /** The largest answer body gathered: a firmware range ({@code TusClient.FIRMWARE_CHUNK}) or a small document. */
    private static final int MAX_REPLY_BYTES = 64 * 1024;
    /** How long a connection stays open idle before {@link #closeIfIdle} closes it (wall time). */
    static final Duration IDLE_LINGER = Duration.ofSeconds(2);

    private final EventLoop loop;
    private final Bootstrap bootstrap;
    private final InetSocketAddress address;
    private final boolean secure;
    /** {@code host:port}, for messages. */
    private final String server;
    private final long timeoutNanos;
    private final ArrayDeque<Exchange> waiting = new ArrayDeque<>();
    private Exchange inFlight;
    private Channel channel;
    private Throwable lastError;
    private int answeredOnChannel;
    private boolean connecting;
    private boolean closed;
    /** Requests sent so far: an idle close checks that none went out while it lingered. */
    private long requestsSent;

    /** {@code tls}: the client context of an {@code https://} endpoint, null for {@code http://}. */
    public HttpConnection(EventLoop loop, Class<? extends SocketChannel> channelType, URI endpoint,
                          Duration timeout, SslContext tls) {
        ConnectionSettings.checkEndpoint(endpoint, tls);
        this.loop = loop;
        this.timeoutNanos = timeout.toNanos();
        int port = ConnectionSettings.port(endpoint);
        this.address = InetSocketAddress.createUnresolved(endpoint.getHost(), port);
        this.secure = tls != null;
        this.server = endpoint.getHost() + ":" + port;
        this.bootstrap = new Bootstrap()
                .group(loop)
                .channel(channelType)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()))
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (tls != null) {
                            ch.pipeline().addLast("tls", tls.newHandler(ch.alloc(), endpoint.getHost(), port));
                        }
                        ch.pipeline()
                                .addLast("http-codec", new HttpClientCodec())
                                .addLast(ReplyHandler.NAME, new ReplyHandler(HttpConnection.this));
                    }
                });
    }

    /**
     * Queues a request; {@code request} builds it (and allocates its body) only when its turn comes
     * and the connection is open, so waiting requests hold no buffers. Call on the event loop.
     */
    public CompletableFuture<HttpReply> send(Function<ByteBufAllocator, FullHttpRequest> request) {
        return send(new Exchange(request, null, null));
    }

    /**
     * Queues a request whose body streams from {@code body} (null: none besides what {@code head}
     * holds) and whose answer's body goes where {@code stream} says. {@code head} must not be a full
     * request when there is a body; its {@code Content-Length} is set to the body's length.
     */
    public CompletableFuture<HttpReply> send(Function<ByteBufAllocator, ? extends HttpRequest> head, OutgoingBody body,
                                             ReplyStream stream) {
        return send(new Exchange(head, body, stream));
    }

    private CompletableFuture<HttpReply> send(Exchange exchange) {
        assert loop.inEventLoop();
        if (closed) {
            fail(exchange, new UploadException(Kind.CLOSED, "the client is closed"));
        } else {
            waiting.add(exchange);
            pump();
        }
        return exchange.reply;
    }

    /** Fails every queued and in-flight request with {@link Kind#CLOSED} and closes the connection. */
    public void close() {
        assert loop.inEventLoop();
        closed = true;
        reset(new UploadException(Kind.CLOSED, "the client is closed"));
    }

    /**
     * Fails every queued and in-flight request with {@code why} and drops the connection, as a network
     * that went away would; the next request opens a new one.
     */
    public void reset(UploadException why) {
        assert loop.inEventLoop();
        if (inFlight != null) {
            fail(finish(inFlight), why);
        }
        Exchange e;
        while ((e = waiting.poll()) != null) {
            fail(e, why);
        }
        dropChannel();
    }

    /**
     * Closes the connection once it has stayed idle (nothing queued or in flight) for {@link #IDLE_LINGER}:
     * a docked camera that has nothing more to send gives its socket back; the next request opens a new one.
     * The linger leaves the server time to finish its side of the last answer: the {@code @tus/server} 2.4.5
     * process exited when cameras closed their connections the moment their last read-back had arrived
     * ({@code ForeignTusSmokeTest}), and took every other camera's upload with it. Call on the event loop.
     */
    public void closeIfIdle() {
        assert loop.inEventLoop();
        long sent = requestsSent;
        loop.schedule(() -> {
            if (sent == requestsSent && inFlight == null && waiting.isEmpty() && !connecting) {
                dropChannel();
            }
        }, IDLE_LINGER.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void pump() {
        if (closed || inFlight != null || waiting.isEmpty() || connecting) {
            return;
        }
        if (channel == null || !channel.isActive()) {
            connect();
            return;
        }
        Exchange exchange = waiting.poll();
        HttpRequest request;
        try {
            request = exchange.request.apply(channel.alloc());
        } catch (RuntimeException e) {
            fail(exchange, e instanceof CompletionException && e.getCause() != null ? e.getCause() : e);
            pump();
            return;
        }
        inFlight = exchange;
        requestsSent++;
        exchange.restart();
        exchange.retryIfStale = answeredOnChannel > 0 && !exchange.retried && exchange.body == null
                && (request.method().equals(HttpMethod.GET) || request.method().equals(HttpMethod.HEAD));
        HttpUtil.setKeepAlive(request, true);
        if (exchange.body != null) {
            HttpUtil.setContentLength(request, exchange.body.length());
        }
        touch(exchange);
        Channel ch = channel;
        ch.writeAndFlush(request).addListener(f -> {
            if (!f.isSuccess()) {
                onError(ch, f.cause());
            } else if (exchange.body != null) {
                writeBody(exchange, ch);
            }
        });
    }

    /** Writes the streamed body's next piece, then the next, while the channel takes them. */
    private void writeBody(Exchange exchange, Channel ch) {
        if (exchange != inFlight || ch != channel || exchange.bodySent) {
            return;
        }
        if (!ch.isWritable()) {
            exchange.awaitingWritable = true;
            return;
        }
        exchange.body.next((piece, error) -> {
            if (exchange != inFlight || ch != channel || exchange.bodySent) {
                if (piece != null) {
                    piece.release();
                }
            } else if (error != null) {
                fail(finish(exchange), error instanceof CompletionException && error.getCause() != null
                        ? error.getCause() : error);
                dropChannel();
                pump();
            } else if (piece == null) {
                exchange.bodySent = true;
                ch.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT).addListener(f -> {
                    if (!f.isSuccess()) {
                        onError(ch, f.cause());
                    }
                });
            } else {
                touch(exchange);
                ch.writeAndFlush(new DefaultHttpContent(piece)).addListener(f -> {
                    if (!f.isSuccess()) {
                        onError(ch, f.cause());
                    } else {
                        loop.execute(() -> writeBody(exchange, ch));
                    }
                });
            }
        });
    }

    void onWritable(Channel ch) {
        Exchange exchange = inFlight;
        if (ch == channel && exchange != null && exchange.awaitingWritable && ch.isWritable()) {
            exchange.awaitingWritable = false;
            writeBody(exchange, ch);
        }
    }

    private void connect() {
        connecting = true;
        lastError = null;
        ChannelFuture future = bootstrap.connect(address);
        future.addListener(f -> {
            connecting = false;
            Channel ch = future.channel();
            if (closed) {
                ch.close();
                return;
            }
            if (!f.isSuccess()) {
                connectFailed("cannot connect to " + address + ": " + f.cause().getMessage(), f.cause());
            } else if (secure) {
                connecting = true;
                ch.pipeline().get(SslHandler.class).handshakeFuture().addListener(h -> {
                    connecting = false;
                    if (closed) {
                        ch.close();
                    } else if (h.isSuccess()) {
                        opened(ch);
                    } else {
                        ch.close();
                        connectFailed("TLS handshake with " + server + " failed: " + h.cause(), h.cause());
                    }
                });
            } else {
                opened(ch);
            }
        });
    }

    private void opened(Channel ch) {
        channel = ch;
        answeredOnChannel = 0;
        ch.closeFuture().addListener(c -> onClosed(ch));
        pump();
    }

    private void connectFailed(String message, Throwable cause) {
        Exchange first = waiting.poll();
        if (first != null) {
            fail(first, new UploadException(Kind.CONNECT_FAILED, 0, message, cause));
        }
        pump();
    }

    void onHead(Channel ch, HttpResponse head) {
        Exchange exchange = inFlight;
        if (ch != channel || exchange == null || head.status().code() == 100) {
            return;
        }
        exchange.status = head.status().code();
        exchange.headers = head.headers();
        exchange.keepAlive = HttpUtil.isKeepAlive(head);
        exchange.sink = exchange.stream == null ? null : exchange.stream.open(exchange.status, exchange.headers);
        if (exchange.sink == null) {
            exchange.gathered = new ByteArrayOutputStream();
        }
        touch(exchange);
    }

    void onContent(Channel ch, HttpContent content) {
        Exchange exchange = inFlight;
        if (ch != channel || exchange == null || !exchange.answering()) {
            return;
        }
        ByteBuf bytes = content.content();
        if (exchange.sink != null) {
            try {
                exchange.sink.accept(bytes);
            } catch (RuntimeException e) {
                fail(finish(exchange), e);
                dropChannel();
                pump();
                return;
            }
        } else if (exchange.gathered.size() + bytes.readableBytes() > MAX_REPLY_BYTES) {
            fail(finish(exchange), new UploadException(Kind.PROTOCOL_ERROR, exchange.status, "the answer's body is over "
                    + MAX_REPLY_BYTES + " bytes", null));
            dropChannel();
            pump();
            return;
        } else {
            exchange.gathered.writeBytes(ByteBufUtil.getBytes(bytes));
        }
        touch(exchange);
        if (content instanceof LastHttpContent) {
            answered(ch, exchange);
        }
    }

    private void answered(Channel ch, Exchange exchange) {
        byte[] body = exchange.gathered == null ? new byte[0] : exchange.gathered.toByteArray();
        HttpReply reply = new HttpReply(exchange.status, exchange.headers, body);
        finish(exchange);
        answeredOnChannel++;
        boolean bodyUnsent = exchange.body != null && !exchange.bodySent;
        if (!exchange.keepAlive || bodyUnsent) {
            dropChannel();
        }
        exchange.reply.complete(reply);
        pump();
    }

    void onError(Channel ch, Throwable cause) {
        if (ch == channel && lastError == null) {
            lastError = cause;
        }
        ch.close();
    }

    private void onClosed(Channel ch) {
        if (ch != channel) {
            return;
        }
        channel = null;
        Exchange exchange = inFlight;
        if (exchange != null && exchange.retryIfStale && !exchange.answering()) {
            finish(exchange).retried = true;
            waiting.addFirst(exchange);
        } else if (exchange != null) {
            Throwable cause = lastError;
            String detail = cause == null ? "closed by the server" : cause.toString();
            fail(finish(exchange), new UploadException(Kind.CONNECTION_LOST, 0,
                    "connection to " + address + " lost before the answer: " + detail, cause));
        }
        pump();
    }

    /** Restarts the exchange's timeout: it made progress. */
    private void touch(Exchange exchange) {
        if (exchange.timeout != null) {
            exchange.timeout.cancel(false);
        }
        exchange.timeout = loop.schedule(() -> onTimeout(exchange), timeoutNanos, TimeUnit.NANOSECONDS);
    }

    private void onTimeout(Exchange exchange) {
        if (exchange != inFlight) {
            return;
        }
        finish(exchange);
        dropChannel();
        fail(exchange, new UploadException(Kind.TIMEOUT,
                "no progress with " + address + " within " + Duration.ofNanos(timeoutNanos)));
        pump();
    }

    private Exchange finish(Exchange exchange) {
        inFlight = null;
        if (exchange.timeout != null) {
            exchange.timeout.cancel(false);
        }
        return exchange;
    }

    private static void fail(Exchange exchange, Throwable why) {
        if (exchange.body != null) {
            exchange.body.close();
        }
        exchange.reply.completeExceptionally(why);
    }

    private void dropChannel() {
        Channel ch = channel;
        channel = null;
        if (ch != null) {
            ch.close();
        }
    }
}
