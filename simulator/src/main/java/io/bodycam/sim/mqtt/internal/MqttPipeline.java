package io.bodycam.sim.mqtt.internal;

import io.bodycam.sim.mqtt.MqttClientConfig;
import io.bodycam.sim.mqtt.MqttWill;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import java.util.function.Supplier;

/**
 * The handlers of one connection attempt, in order: with TLS configured, Netty's {@code SslHandler}
 * (named {@value #TLS}; CONNECT waits in it until the handshake is done, and a failed handshake
 * reaches {@link FaultHandler} and closes the connection), then Netty's MQTT decoder and encoder, then
 * {@link ConnectHandler} (CONNECT/CONNACK, malformed input; once accepted it adds the keep-alive pair,
 * {@code IdleStateHandler} and {@link KeepAliveHandler}, right behind itself), {@link SessionHandler} (the session's packets) and {@link FaultHandler} (errors).
 */
public final class MqttPipeline extends ChannelInitializer<Channel> {

    /** The largest packet accepted from the broker; the contract's messages are a few hundred bytes. */
    static final int MAX_PACKET_BYTES = 1 << 20;

    /** The TLS handler's name in the pipeline. */
    public static final String TLS = "tls";

    private final MqttClientConfig config;
    private final Supplier<MqttWill> will;
    private final MqttSession session;
    private final ConnectionEvents events;

    public MqttPipeline(MqttClientConfig config, Supplier<MqttWill> will, MqttSession session, ConnectionEvents events) {
        this.config = config;
        this.will = will;
        this.session = session;
        this.events = events;
    }

    @Override
    protected void initChannel(Channel ch) {
        config.tls().ifPresent(tls -> ch.pipeline().addLast(TLS, tls.newHandler(ch.alloc(), config.host(), config.port())));
        ch.pipeline()
                .addLast("mqtt-decoder", new MqttDecoder(MAX_PACKET_BYTES))
                .addLast("mqtt-encoder", MqttEncoder.INSTANCE)
                .addLast(ConnectHandler.NAME, new ConnectHandler(config, will, events))
                .addLast(SessionHandler.NAME, new SessionHandler(session))
                .addLast(FaultHandler.NAME, new FaultHandler(config.clientId(), events));
    }
}
