package io.bodycam.bench.pki;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.bodycam.bench.scenario.BackendTls;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A camera that reconnects with its TLS context (built once per camera when the fleet is wired, kept for
 * every connection it makes) resumes its own session instead of paying a full handshake (a reconnect storm
 * after a broker restart is thousands of them), and never another camera's. Checked over TLS 1.2,
 * where a resumed session keeps its id (TLS 1.3 resumes with tickets under a new id), against a Netty
 * server with the JDK's session cache.
 */
class SessionResumptionTest {

    @TempDir
    Path dir;
    private PkiLayout pki;
    private EventLoopGroup group;
    private Channel server;

    @BeforeEach
    void serve() throws Exception {
        pki = new FleetPki(Clock.systemUTC()).create(dir, List.of("CAM-0001", "CAM-0002"), 1).layout();
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        SslContext tls = SslContextBuilder.forServer(pki.serverCert().toFile(), pki.serverKey().toFile())
                .sslProvider(SslProvider.JDK).protocols("TLSv1.2").clientAuth(ClientAuth.REQUIRE)
                .trustManager(pki.caCert().toFile()).build();
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(tls.newHandler(ch.alloc()));
                    }
                }).bind("127.0.0.1", 0).sync().channel();
    }

    @AfterEach
    void stop() throws InterruptedException {
        server.close().sync();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }

    @ParameterizedTest
    @EnumSource(value = BackendTls.Provider.class, names = {"JDK", "OPENSSL"})
    void a_reconnecting_camera_resumes_its_own_session_and_no_other_camera_gets_it(BackendTls.Provider provider)
            throws Exception {
        assumeTrue(provider != BackendTls.Provider.OPENSSL || OpenSsl.isAvailable(), "OpenSSL does not load here");
        ClientTls fleet = new ClientTls(new BackendTls(pki.caCert(), dir, true, provider));

        SslContext camera = fleet.forDevice("CAM-0001");
        byte[] first = handshake(camera);
        byte[] again = handshake(camera);
        byte[] other = handshake(fleet.forDevice("CAM-0002"));
        byte[] freshContext = handshake(fleet.forDevice("CAM-0001"));

        assertArrayEquals(first, again, "the same camera's second connection resumed its session");
        assertFalse(Arrays.equals(first, other), "another camera got a session of its own");
        assertFalse(Arrays.equals(first, freshContext), "a context of its own (a restarted bench) starts afresh");
    }

    /** Connects as the camera whose context {@code tls} is, completes the handshake, returns its session id. */
    private byte[] handshake(SslContext tls) throws Exception {
        InetSocketAddress at = (InetSocketAddress) server.localAddress();
        SslHandler[] handler = new SslHandler[1];
        Channel ch = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel c) {
                        handler[0] = tls.newHandler(c.alloc(), "localhost", at.getPort());
                        c.pipeline().addLast(handler[0]);
                    }
                }).connect(at).sync().channel();
        try {
            handler[0].handshakeFuture().get(10, TimeUnit.SECONDS);
            return handler[0].engine().getSession().getId();
        } finally {
            ch.close().sync();
        }
    }
}
