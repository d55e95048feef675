package io.bodycam.bench.observer.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;

import javax.net.ssl.SSLSocketFactory;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The observer's Paho MQTT 3.1.1 connection, to an {@code mqtts://} broker (its TLS comes as a socket factory,
 * which {@link NettyObserverLink}, the link to a {@code tcp://} broker, cannot use): clean session, its
 * {@link Subscriptions} a batch to a SUBSCRIBE. Paho's callback thread only stamps each message with its arrival and queues it for the
 * observer's {@link HandlingThread}: Paho acknowledges a QoS 1 message when its callback returns, so
 * handling on Paho's thread made the broker queue (and at its limit drop) the fleet's messages behind the
 * observer's work, and the bench then blamed the broker for both.
 *
 * <p>It reconnects on its own timer rather than with Paho's automatic reconnect, whose non-daemon
 * timer thread outlives {@code close()} when the broker is down; each reconnection starts a new
 * {@link FleetModel#observerReconnected() epoch} and subscribes again.
 */
public final class ObserverConnection implements ObserverLink {

    private static final Logger log = LoggerFactory.getLogger(ObserverConnection.class);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final long RECONNECT_FIRST_DELAY_MILLIS = 100;
    private static final long RECONNECT_MAX_DELAY_MILLIS = 1_000;
    private static final int KEEP_ALIVE_SECONDS = 30;
    private static final int MAX_INFLIGHT_COMMANDS = 10_000;

    private final String brokerUrl;
    private final Subscriptions subscriptions;
    private final ScheduledExecutorService timer;
    private final HandlingThread handling;
    private final FleetModel fleet;
    private final MqttConnectOptions options = new MqttConnectOptions();
    private final LongAdder reconnects = new LongAdder();
    private volatile MqttAsyncClient client;
    private volatile boolean closed;

    public ObserverConnection(String brokerUrl, Subscriptions subscriptions, ScheduledExecutorService timer,
            MessageHandler handler, FleetModel fleet) {
        this.brokerUrl = brokerUrl;
        this.subscriptions = subscriptions;
        this.timer = timer;
        this.handling = new HandlingThread(handler);
        this.fleet = fleet;
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setCleanSession(true);
        options.setKeepAliveInterval(KEEP_ALIVE_SECONDS);
        options.setConnectionTimeout((int) CONNECT_TIMEOUT.toSeconds());
        options.setMaxInflight(MAX_INFLIGHT_COMMANDS);
        options.setAutomaticReconnect(false);
        options.setSocketFactory(new NoDelaySocketFactory());
    }

    /**
     * The observer's own credentials: a user name and password (either may be null), and for
     * {@code mqtts://} the TLS socket factory (with the observer's client certificate, if any). Call before {@link #open()}.
     */
    public void access(String username, String password, SSLSocketFactory tls, boolean verifyHostname) {
        if (username != null) {
            options.setUserName(username);
        }
        if (password != null) {
            options.setPassword(password.toCharArray());
        }
        if (tls != null) {
            options.setSocketFactory(tls);
            options.setHttpsHostnameVerificationEnabled(verifyHostname);
        }
    }

    /** Paho names MQTT over TLS {@code ssl://}. */
    private static String pahoUrl(String url) {
        return url.startsWith("mqtts://") ? "ssl://" + url.substring("mqtts://".length()) : url;
    }

    /** Connects and subscribes; returns once the broker has granted every subscription. */
    @Override
    public void open() throws IOException {
        String clientId = "bodycam-observer-" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16);
        MqttAsyncClient c = null;
        try {
            c = new MqttAsyncClient(pahoUrl(brokerUrl), clientId, new MemoryPersistence());
            c.setCallback(new Callback());
            c.connect(options).waitForCompletion(CONNECT_TIMEOUT.toMillis());
            List<Integer> granted = new ArrayList<>();
            for (IMqttToken subscribed : subscribe(c, null)) {
                subscribed.waitForCompletion(CONNECT_TIMEOUT.toMillis());
                int[] codes = subscribed.getGrantedQos();
                Arrays.stream(codes == null ? new int[] {0x80} : codes).forEach(granted::add);
            }
            if (granted.size() != subscriptions.filters().size() || granted.contains(0x80)) {
                throw new IOException("the broker at " + brokerUrl + " refused the observer's subscriptions to "
                        + subscriptions + ": " + subscriptions.granted(granted));
            }
            client = c;
            log.info("observer {} watches {} on {}", clientId, subscriptions, brokerUrl);
        } catch (MqttException | IOException e) {
            closeQuietly(c);
            throw e instanceof IOException io ? io
                    : new IOException("observer cannot connect to " + brokerUrl + ": " + e.getMessage(), e);
        }
    }

    /** Disconnects, stops reconnecting, and handles what had arrived (see {@link HandlingThread#close()}). */
    @Override
    public void close() {
        closed = true;
        MqttAsyncClient c = client;
        client = null;
        closeQuietly(c);
        handling.close();
    }

    /**
     * Waits until every message that arrived before this call has been handled, for at most
     * {@code timeout}; returns whether it was. The run's figures are read after this.
     */
    @Override
    public boolean settle(Duration timeout) {
        return handling.settle(timeout);
    }

    @Override
    public boolean isConnected() {
        MqttAsyncClient c = client;
        return c != null && c.isConnected();
    }

    @Override
    public long reconnects() {
        return reconnects.sum();
    }

    /** Publishes at QoS 1, not retained; {@code onFailure} hears of any failure to hand it to the broker. */
    @Override
    public void publish(String topic, byte[] payload, Consumer<Throwable> onFailure) {
        MqttAsyncClient c = client;
        if (c == null) {
            onFailure.accept(new IllegalStateException("the observer is not connected"));
            return;
        }
        try {
            c.publish(topic, payload, 1, false, null, new IMqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    // delivered to the broker; the camera's ack completes the command
                }

                @Override
                public void onFailure(IMqttToken token, Throwable failure) {
                    onFailure.accept(failure);
                }
            });
        } catch (MqttException e) {
            onFailure.accept(e);
        }
    }

    /** Sends one SUBSCRIBE per batch; {@code listener} (if any) hears of each. */
    private List<IMqttToken> subscribe(MqttAsyncClient c, IMqttActionListener listener) throws MqttException {
        List<IMqttToken> tokens = new ArrayList<>();
        for (Map<String, Integer> batch : subscriptions.batches()) {
            String[] filters = batch.keySet().toArray(String[]::new);
            int[] qos = batch.values().stream().mapToInt(Integer::intValue).toArray();
            tokens.add(c.subscribe(filters, qos, null, listener));
        }
        return tokens;
    }

    private void scheduleReconnect(long delayMillis) {
        if (!closed) {
            timer.schedule(() -> reconnect(delayMillis), delayMillis, TimeUnit.MILLISECONDS);
        }
    }

    private void reconnect(long lastDelayMillis) {
        MqttAsyncClient c = client;
        if (closed || c == null) {
            return;
        }
        long nextDelay = Math.min(lastDelayMillis * 2, RECONNECT_MAX_DELAY_MILLIS);
        try {
            c.connect(options, null, new IMqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    fleet.observerReconnected();
                    resubscribe(c);
                }

                @Override
                public void onFailure(IMqttToken token, Throwable failure) {
                    log.debug("observer reconnect to {} failed: {}", brokerUrl, failure.toString());
                    scheduleReconnect(nextDelay);
                }
            });
        } catch (MqttException e) {
            log.debug("observer reconnect to {} failed: {}", brokerUrl, e.toString());
            scheduleReconnect(nextDelay);
        }
    }

    /** Subscribes again after a reconnection: a reconnect counts once every batch is acknowledged. */
    private void resubscribe(MqttAsyncClient c) {
        AtomicInteger waiting = new AtomicInteger(subscriptions.batches().size());
        AtomicBoolean failed = new AtomicBoolean();
        try {
            subscribe(c, new IMqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    if (waiting.decrementAndGet() == 0 && !failed.get()) {
                        reconnects.increment();
                        log.info("observer reconnected to {} and subscribed again", brokerUrl);
                    }
                }

                @Override
                public void onFailure(IMqttToken token, Throwable failure) {
                    if (failed.compareAndSet(false, true)) {
                        log.error("observer reconnected to {} but cannot subscribe again: {}", brokerUrl, failure.toString());
                    }
                }
            });
        } catch (MqttException e) {
            log.error("observer reconnected to {} but cannot subscribe again: {}", brokerUrl, e.toString());
        }
    }

    private static void closeQuietly(MqttAsyncClient c) {
        if (c == null) {
            return;
        }
        try {
            if (c.isConnected()) {
                c.disconnect(0).waitForCompletion(CONNECT_TIMEOUT.toMillis());
            }
        } catch (MqttException e) {
            log.debug("observer disconnect failed: {}", e.toString());
        }
        try {
            c.close(true);
        } catch (MqttException e) {
            log.debug("observer close failed: {}", e.toString());
        }
    }

    /** See {@link HandlingThread#busyNanos()}. */
    @Override
    public long busyNanos() {
        return handling.busyNanos();
    }

    /** Runs on Paho's threads: minimal work, never throws. */
    private final class Callback implements MqttCallback {
        @Override
        public void connectionLost(Throwable cause) {
            if (!closed) {
                log.warn("observer lost its connection to {} ({}); reconnecting", brokerUrl, cause.toString());
                fleet.observerDisconnected();
                scheduleReconnect(RECONNECT_FIRST_DELAY_MILLIS);
            }
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            handling.message(topic, message.getPayload(), message.isRetained(), fleet.now());
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
            // commands complete on their ack, not on PUBACK
        }
    }
}
