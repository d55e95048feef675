package io.bodycam.bench.conform;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** An MQTT 3.1.1 CONNECT written byte by byte (section 3.1), for a camera played over a {@link RawSocket}. */
final class MqttConnect {

    private static final int CLEAN_SESSION = 0x02;
    private static final int WILL = 0x04;
    private static final int WILL_QOS_1 = 0x08;
    private static final int WILL_RETAIN = 0x20;

    private MqttConnect() {
    }

    /** CONNECT with clean session, {@code keepAlive} seconds and a QoS 1 retained Will. */
    static byte[] of(String clientId, int keepAlive, String willTopic, byte[] willPayload) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        string(body, "MQTT".getBytes(StandardCharsets.UTF_8));
        body.write(4); // protocol level 4: MQTT 3.1.1
        body.write(CLEAN_SESSION | WILL | WILL_QOS_1 | WILL_RETAIN);
        body.write(keepAlive >> 8);
        body.write(keepAlive & 0xFF);
        string(body, clientId.getBytes(StandardCharsets.UTF_8));
        string(body, willTopic.getBytes(StandardCharsets.UTF_8));
        string(body, willPayload);
        ByteArrayOutputStream packet = new ByteArrayOutputStream();
        packet.write(0x10);
        int remaining = body.size();
        do { // 2.2.3, remaining length: seven bits a byte, high bit set while more follow
            int digit = remaining % 128;
            remaining /= 128;
            packet.write(remaining > 0 ? digit | 0x80 : digit);
        } while (remaining > 0);
        packet.writeBytes(body.toByteArray());
        return packet.toByteArray();
    }

    /** 3.2: CONNACK is {@code 20 02 <flags> <return code>}; return code 0 is "Connection Accepted". */
    static boolean accepted(byte[] connack) {
        return connack.length == 4 && (connack[0] & 0xFF) == 0x20 && connack[1] == 2 && connack[3] == 0;
    }

    static String describeConnack(byte[] b) {
        if (b.length == 0) {
            return "connection closed, no CONNACK";
        }
        StringBuilder sb = new StringBuilder(accepted(b) ? "CONNACK accepted" : "not a CONNACK accepting it:");
        for (byte x : b) {
            sb.append(String.format(" %02X", x & 0xFF));
        }
        return sb.toString();
    }

    private static void string(ByteArrayOutputStream out, byte[] utf8) {
        out.write(utf8.length >> 8);
        out.write(utf8.length & 0xFF);
        out.writeBytes(utf8);
    }
}
