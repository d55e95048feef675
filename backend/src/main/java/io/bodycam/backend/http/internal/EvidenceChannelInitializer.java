package io.bodycam.backend.http.internal;

import io.bodycam.backend.http.DeviceConfigStore;
import io.bodycam.backend.http.EvidenceLedger;
import io.bodycam.backend.http.EvidenceServerConfig;
import io.bodycam.backend.http.FirmwareReleases;
import io.bodycam.backend.http.HttpFaults;
import io.bodycam.backend.http.Mp4Arrivals;
import io.bodycam.backend.http.Mutant;
import io.bodycam.backend.http.ReadBackStore;
import io.bodycam.sim.time.SimClock;
import io.bodycam.sim.video.VideoWorkers;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerExpectContinueHandler;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;

/**
 * The evidence server's pipeline per connection: TLS when the server speaks HTTPS, idle timeout, request-head deadline (slow-loris),
 * HTTP/1.1 codec, {@code 100-continue}, keep-alive, then the {@link EvidenceRequestHandler}. No
 * aggregator: PATCH bodies stream. Every connection joins {@code open}, which forgets it once closed.
 */
public final class EvidenceChannelInitializer extends ChannelInitializer<SocketChannel> {

    private final Backend backend;
    private final Routes routes;
    private final ChannelGroup open;
    private final SslContext tls;

    /** {@code tls}: the server context when the server speaks HTTPS ({@link EvidenceServerConfig#tls()}), else null. */
    public EvidenceChannelInitializer(SimClock clock, EvidenceLedger ledger, DeviceConfigStore configs,
                                      EvidenceServerConfig limits, HttpFaults faults, FirmwareReleases firmware,
                                      ChannelGroup open, SslContext tls) {
        Mp4Arrivals arrivals = limits.mp4Folder() == null ? null : new Mp4Arrivals(limits.mp4Folder(), limits.keepMp4());
        ReadBackStore readBack = limits.readBack();
        ObjectStore objects = readBack == null ? null : new ObjectStore(readBack.folder(), new VideoWorkers(2, 10_000));
        this.backend = new Backend(clock, ledger, configs, limits,
                new UploadStore(arrivals, objects != null && readBack.protocol() == ReadBackStore.Protocol.TUS ? objects : null),
                new Answers(clock), faults, firmware, arrivals, new UploadIdentity(), objects);
        this.routes = new Routes(backend);
        this.open = open;
        this.tls = tls;
    }

    /** Uploads refused because they named another device than the connection's client certificate. */
    public long identityRefusals() {
        return backend.identity().refused();
    }

    /** Stops the mp4 checks on arrival and the read-back store's disk pool, if any (the server is closing). */
    public void close() {
        if (backend.arrivals() != null) {
            backend.arrivals().close();
        }
        if (backend.objects() != null) {
            backend.objects().close();
        }
    }

    /** Objects held for read-back by a put, S3 or Swift store; 0 without one. */
    public int storedObjects() {
        return backend.objects() == null ? 0 : backend.objects().size();
    }

    /** Uploads created and neither completed nor terminated. */
    public int incompleteUploads() {
        return backend.uploads().incomplete();
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        open.add(ch);
        long idleMillis = backend.limits().idleTimeout().toMillis();
        RequestHeadDeadline deadline = new RequestHeadDeadline(backend.limits().headTimeout().toMillis(),
                backend.answers());
        boolean guarded = !backend.limits().mutant(Mutant.NO_HEAD_DEADLINE);
        ChannelPipeline p = ch.pipeline();
        if (tls != null) {
            p.addLast("tls", tls.newHandler(ch.alloc()));
        }
        p.addLast("idle", new IdleStateHandler(0, 0, idleMillis, TimeUnit.MILLISECONDS))
                .addLast(IdleConnectionCloser.NAME, new IdleConnectionCloser());
        if (guarded) {
            p.addLast(RequestHeadDeadline.BYTES, deadline.bytes());
        }
        p.addLast("http-codec", new HttpServerCodec())
                .addLast("expect-continue", new HttpServerExpectContinueHandler())
                .addLast("keep-alive", new HttpServerKeepAliveHandler());
        if (guarded) {
            p.addLast(RequestHeadDeadline.REQUESTS, deadline.requests());
        }
        p.addLast(EvidenceRequestHandler.NAME, new EvidenceRequestHandler(backend, routes));
    }
}
