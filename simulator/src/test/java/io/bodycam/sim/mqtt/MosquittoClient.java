package io.bodycam.sim.mqtt;

import static org.awaitility.Awaitility.await;

import io.bodycam.sim.net.Transport;
import io.bodycam.sim.time.WallClock;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.mqtt.MqttQoS;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A real {@link MqttConnection} on a real event loop for integration tests: the test thread reaches it
 * only through its loop, as the camera code does.
 */
final class MosquittoClient {

    static final Duration WAIT = Duration.ofSeconds(10);

    final EventLoop loop;
    final MqttConnection mqtt;
    final RecordingListener listener = new RecordingListener();

    MosquittoClient(EventLoopGroup group, int port, String clientId, MqttProtocol protocol, Supplier<MqttWill> will) {
        loop = group.next();
        MqttClientConfig config = MqttClientConfig.builder().host("127.0.0.1").port(port).clientId(clientId)
                .protocol(protocol).backoffInitial(Duration.ofMillis(50)).backoffMax(Duration.ofMillis(400))
                .connectTimeout(Duration.ofSeconds(5)).build();
        mqtt = new MqttConnection(config, loop, Transport.best(), WallClock.realTime().scheduler(loop), will, listener,
                new SplittableRandom(clientId.hashCode()));
    }

    <T> T call(Function<MqttConnection, T> f) {
        try {
            return loop.submit(() -> f.apply(mqtt)).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }

    void run(Consumer<MqttConnection> action) {
        call(m -> {
            action.accept(m);
            return null;
        });
    }

    MqttStats stats() {
        return call(MqttConnection::stats);
    }

    MosquittoClient started() {
        run(MqttConnection::start);
        await(mqtt.config().clientId() + " connected").atMost(WAIT).until(listener::connected);
        return this;
    }

    /** Subscribes and waits for the SUBACK that grants it. */
    MosquittoClient subscribed(String filter) {
        long before = stats().subscriptionsGranted();
        run(m -> m.subscribe(filter, MqttQoS.AT_LEAST_ONCE));
        await(mqtt.config().clientId() + " subscribed to " + filter).atMost(WAIT)
                .until(() -> stats().subscriptionsGranted() > before);
        return this;
    }

    PublishResult publish(String topic, String payload, MqttQoS qos, boolean retain) {
        return call(m -> m.publish(topic, WireFixture.bytes(payload), qos, retain));
    }
}
