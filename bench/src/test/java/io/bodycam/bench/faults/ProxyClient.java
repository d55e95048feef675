package io.bodycam.bench.faults;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Arrays;

/** A blocking test client through a fault proxy to an {@link EchoUpstream}. */
final class ProxyClient implements AutoCloseable {

    /** What a read ended with. */
    enum End { DATA, EOF, RESET, TIMEOUT }

    /** The bytes read, how the read ended, and how many read calls it took. */
    record Read(byte[] bytes, End end, int reads) {
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    ProxyClient(FaultProxy proxy) {
        try {
            socket = new Socket("127.0.0.1", proxy.port());
            socket.setTcpNoDelay(true);
            in = socket.getInputStream();
            out = socket.getOutputStream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void send(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads until {@code n} bytes came, the stream ended, or nothing came for {@code timeoutMillis}. */
    Read read(int n, int timeoutMillis) {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        int reads = 0;
        try {
            socket.setSoTimeout(timeoutMillis);
            while (got.size() < n) {
                int k = in.read(buffer, 0, Math.min(buffer.length, n - got.size()));
                if (k < 0) {
                    return new Read(got.toByteArray(), End.EOF, reads);
                }
                reads++;
                got.write(buffer, 0, k);
            }
            return new Read(got.toByteArray(), End.DATA, reads);
        } catch (SocketTimeoutException e) {
            return new Read(got.toByteArray(), End.TIMEOUT, reads);
        } catch (IOException e) {
            if (String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT).contains("reset")) {
                return new Read(got.toByteArray(), End.RESET, reads);
            }
            throw new UncheckedIOException(e);
        }
    }

    /** Sends {@code bytes}, reads them back; fails the test if they do not come back intact. */
    long roundTripMillis(byte[] bytes) {
        long t0 = System.nanoTime();
        send(bytes);
        Read r = read(bytes.length, 5_000);
        if (r.end() != End.DATA || !Arrays.equals(bytes, r.bytes())) {
            throw new AssertionError("echo came back " + r.end() + " with " + r.bytes().length + " of " + bytes.length
                    + " bytes" + (Arrays.equals(bytes, Arrays.copyOf(r.bytes(), bytes.length)) ? "" : ", altered"));
        }
        return (System.nanoTime() - t0) / 1_000_000;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
