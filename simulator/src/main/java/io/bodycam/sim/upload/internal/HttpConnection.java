package io.bodycam.sim.upload.internal;

import io.bodycam.sim.upload.UploadException;
import io.bodycam.sim.upload.UploadException.Kind;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A camera's one keep-alive HTTP/1.1 connection to the backend. Requests wait in a queue and go out
 * one at a time (no pipelining), so a verify can slip in between two upload chunks while memory stays
 * at one request body. The connection opens on demand and reopens after the server closes it.
 *
 * <p>A GET or HEAD that loses a reused connection before its answer is sent once more on a new one:
 * the server may have closed the idle connection just as the request went out. Other requests fail
 * with {@link Kind#CONNECTION_LOST} and the caller decides.
 *
 * <p>A request that gets no answer within the timeout fails with {@link Kind#TIMEOUT} and the
 * connection is closed, as tus 1.0.0 ("Core Protocol", "PATCH") asks: "A timeout SHOULD be handled by
 * closing the underlying connection." Every method runs on the camera's event loop, and every future
 * completes there.
 */
public final class HttpConnection {

    /** The largest answer body read: a firmware range ({@code TusClient.FIRMWARE_CHUNK}) or a small JSON. */
    private static final int MAX_REPLY_BYTES = 64 * 1024;

    private final EventLoop loop;
    private final Bootstrap bootstrap;
    private final InetSocketAddress address;
    private final long timeoutNanos;
    private final ArrayDeque<Exchange> waiting = new ArrayDeque<>();
    private Exchange inFlight;
    private Channel channel;
    private Throwable lastError;
    private int answeredOnChannel;
    private boolean connecting;
    private boolean closed;

    public HttpConnection(EventLoop loop, Class<? extends SocketChannel> channelType, URI endpoint,
                          Duration timeout) {
        this.loop = loop;
        this.timeoutNanos = timeout.toNanos();
        int port = endpoint.getPort() < 0 ? 80 : endpoint.getPort();
        this.address = InetSocketAddress.createUnresolved(endpoint.getHost(), port);
        this.bootstrap = new Bootstrap()
                .group(loop)
                .channel(channelType)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()))
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline()
                                .addLast("http-codec", new HttpClientCodec())
                                .addLast("http-aggregator", new HttpObjectAggregator(MAX_REPLY_BYTES))
                                .addLast(ReplyHandler.NAME, new ReplyHandler(HttpConnection.this));
                    }
                });
    }

    /**
     * Queues a request; {@code request} builds it (and allocates its body) only when its turn comes
     * and the connection is open, so waiting requests hold no buffers. Call on the event loop.
     */
    public CompletableFuture<HttpReply> send(Function<ByteBufAllocator, FullHttpRequest> request) {
        assert loop.inEventLoop();
        Exchange exchange = new Exchange(request);
        if (closed) {
            exchange.reply.completeExceptionally(new UploadException(Kind.CLOSED, "the client is closed"));
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
            finish(inFlight).reply.completeExceptionally(why);
        }
        Exchange e;
        while ((e = waiting.poll()) != null) {
            e.reply.completeExceptionally(why);
        }
        dropChannel();
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
        FullHttpRequest request;
        try {
            request = exchange.request.apply(channel.alloc());
        } catch (RuntimeException e) {
            exchange.reply.completeExceptionally(e);
            pump();
            return;
        }
        inFlight = exchange;
        exchange.retryIfStale = answeredOnChannel > 0 && !exchange.retried
                && (request.method().equals(HttpMethod.GET) || request.method().equals(HttpMethod.HEAD));
        HttpUtil.setKeepAlive(request, true);
        exchange.timeout = loop.schedule(() -> onTimeout(exchange), timeoutNanos, TimeUnit.NANOSECONDS);
        Channel ch = channel;
        ch.writeAndFlush(request).addListener(f -> {
            if (!f.isSuccess()) {
                onError(ch, f.cause());
            }
        });
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
            if (f.isSuccess()) {
                channel = ch;
                answeredOnChannel = 0;
                ch.closeFuture().addListener(c -> onClosed(ch));
            } else {
                Exchange first = waiting.poll();
                if (first != null) {
                    first.reply.completeExceptionally(new UploadException(Kind.CONNECT_FAILED, 0,
                            "cannot connect to " + address + ": " + f.cause().getMessage(), f.cause()));
                }
            }
            pump();
        });
    }

    void onResponse(Channel ch, FullHttpResponse response) {
        if (ch != channel || inFlight == null) {
            return;
        }
        byte[] body = new byte[response.content().readableBytes()];
        response.content().getBytes(response.content().readerIndex(), body);
        HttpReply reply = new HttpReply(response.status().code(),
                new DefaultHttpHeaders().add(response.headers()), body);
        Exchange exchange = finish(inFlight);
        answeredOnChannel++;
        if (!HttpUtil.isKeepAlive(response)) {
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
        if (inFlight != null && inFlight.retryIfStale) {
            Exchange again = finish(inFlight);
            again.retried = true;
            waiting.addFirst(again);
        } else if (inFlight != null) {
            Throwable cause = lastError;
            String detail = cause == null ? "closed by the server" : cause.toString();
            finish(inFlight).reply.completeExceptionally(new UploadException(Kind.CONNECTION_LOST, 0,
                    "connection to " + address + " lost before the answer: " + detail, cause));
        }
        pump();
    }

    private void onTimeout(Exchange exchange) {
        if (exchange != inFlight) {
            return;
        }
        finish(exchange);
        dropChannel();
        exchange.reply.completeExceptionally(new UploadException(Kind.TIMEOUT,
                "no answer from " + address + " within " + Duration.ofNanos(timeoutNanos)));
        pump();
    }

    private Exchange finish(Exchange exchange) {
        inFlight = null;
        if (exchange.timeout != null) {
            exchange.timeout.cancel(false);
        }
        return exchange;
    }

    private void dropChannel() {
        Channel ch = channel;
        channel = null;
        if (ch != null) {
            ch.close();
        }
    }

    private static final class Exchange {
        final Function<ByteBufAllocator, FullHttpRequest> request;
        final CompletableFuture<HttpReply> reply = new CompletableFuture<>();
        ScheduledFuture<?> timeout;
        boolean retryIfStale;
        boolean retried;

        Exchange(Function<ByteBufAllocator, FullHttpRequest> request) {
            this.request = request;
        }
    }
}
