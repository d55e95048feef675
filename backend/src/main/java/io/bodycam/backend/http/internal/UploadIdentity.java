package io.bodycam.backend.http.internal;

import io.bodycam.backend.tls.ClientCertificatePolicy;
import io.netty.channel.Channel;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.AttributeKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * Who uploads, over mutual TLS: the device id is the CN of the connection's client certificate (the TLS
 * handshake has already chained it to the fleet CA, checked its dates and the CRL). An upload that names
 * another device is refused and counted. Over plain HTTP or TLS without a client certificate nobody is
 * known, and every upload goes as before.
 */
final class UploadIdentity {

    /** The connection's device id, read from its certificate once, at its first upload request. */
    private static final AttributeKey<Optional<String>> PEER = AttributeKey.valueOf("bodycam.peer-device");

    private final LongAdder refused = new LongAdder();

    /** Why {@code channel} may not upload as {@code deviceId}; empty when it may. Counts each refusal. */
    Optional<String> refusal(Channel channel, String deviceId) {
        Optional<String> peer = peer(channel);
        if (peer.isEmpty() || peer.get().equals(deviceId)) {
            return Optional.empty();
        }
        refused.increment();
        return Optional.of("the client certificate is " + peer.get() + "'s; it may not upload as " + deviceId);
    }

    /** Uploads refused because they named another device than the client certificate's. */
    long refused() {
        return refused.sum();
    }

    /**
     * The device id of the connection's client certificate; empty when the connection has none (plain HTTP,
     * TLS without client authentication). A mutual TLS connection whose certificate names no CN is known as
     * the empty id, which no upload names.
     */
    private static Optional<String> peer(Channel channel) {
        Optional<String> known = channel.attr(PEER).get();
        if (known == null) {
            known = read(channel);
            channel.attr(PEER).set(known);
        }
        return known;
    }

    private static Optional<String> read(Channel channel) {
        SslHandler tls = channel.pipeline().get(SslHandler.class);
        if (tls == null) {
            return Optional.empty();
        }
        try {
            Certificate[] chain = tls.engine().getSession().getPeerCertificates();
            return Optional.of(chain.length > 0 && chain[0] instanceof X509Certificate cert
                    ? ClientCertificatePolicy.commonName(cert).orElse("") : "");
        } catch (SSLPeerUnverifiedException e) {
            return Optional.empty();
        }
    }
}
