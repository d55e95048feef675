package io.bodycam.bench.conform;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * A bare TCP connection for the cases a well-behaved client library cannot play: a request head sent a
 * byte at a time, an answer never read, an MQTT client that falls silent with its socket open.
 */
final class RawSocket implements AutoCloseable {

    private static final int CONNECT_TIMEOUT_MS = 10_000;

    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;

    private RawSocket(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.in = socket.getInputStream();
    }

    /** Connects to the host and port of {@code uri} (port 80 or 1883 when it names none). */
    static RawSocket open(URI uri, int defaultPort) throws IOException {
        Socket s = new Socket();
        try {
            s.setTcpNoDelay(true);
            s.connect(new InetSocketAddress(uri.getHost(), uri.getPort() < 0 ? defaultPort : uri.getPort()), CONNECT_TIMEOUT_MS);
            return new RawSocket(s);
        } catch (IOException e) {
            s.close();
            throw e;
        }
    }

    void write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    void write(String ascii) throws IOException {
        write(ascii.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * Waits up to {@code millis} for what the peer sends: the bytes that came (up to {@code max}), an
     * empty array when the peer closed the connection, or empty when nothing came in time.
     */
    Optional<byte[]> read(int max, int millis) throws IOException {
        socket.setSoTimeout(millis);
        byte[] b = new byte[max];
        try {
            int n = in.read(b);
            return Optional.of(n < 0 ? new byte[0] : Arrays.copyOf(b, n));
        } catch (SocketTimeoutException e) {
            return Optional.empty();
        }
    }

    /** Reads exactly {@code n} bytes within {@code millis} each, or fewer if the peer closes first. */
    byte[] readFully(int n, int millis) throws IOException {
        socket.setSoTimeout(millis);
        return in.readNBytes(n);
    }

    /** The first line of an HTTP answer in {@code bytes}, for the evidence. */
    static String statusLine(byte[] bytes) {
        String s = new String(bytes, StandardCharsets.ISO_8859_1);
        int end = s.indexOf("\r\n");
        return end < 0 ? s : s.substring(0, end);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
