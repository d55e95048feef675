package io.bodycam.bench.live;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;

/**
 * A Server-Sent Events subscriber over a plain socket (HTTP/1.1, chunked), counting the bytes that
 * arrive on the wire: what a browser's EventSource receives, optionally gzip-compressed.
 */
final class SseClient implements AutoCloseable {

    /** One event: its name and data. */
    record Event(String name, String data, long arrivedNanos) {
    }

    private final Socket socket;
    private final Thread reader;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final AtomicLong wireBytes = new AtomicLong();
    private volatile String status;

    SseClient(URI server, String path, boolean gzip, String bearer) throws IOException {
        socket = new Socket(server.getHost(), server.getPort());
        String request = "GET " + path + " HTTP/1.1\r\nHost: " + server.getHost() + ":" + server.getPort()
                + "\r\nAccept: text/event-stream\r\n" + (gzip ? "Accept-Encoding: gzip\r\n" : "")
                + (bearer != null ? "Authorization: Bearer " + bearer + "\r\n" : "") + "\r\n";
        socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        reader = new Thread(() -> read(gzip), "sse-client");
        reader.setDaemon(true);
        reader.start();
    }

    private void read(boolean gzip) {
        try {
            InputStream counted = new CountingStream(socket.getInputStream(), wireBytes);
            String head = headLines(counted);
            status = head.lines().findFirst().orElse("");
            InputStream body = new ChunkedStream(counted);
            if (gzip && head.toLowerCase().contains("content-encoding: gzip")) {
                body = new GZIPInputStream(body, 512);
            }
            BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
            String name = "message";
            StringBuilder data = new StringBuilder();
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isEmpty()) {
                    if (data.length() > 0) {
                        events.add(new Event(name, data.toString(), System.nanoTime()));
                    }
                    name = "message";
                    data.setLength(0);
                } else if (line.startsWith("event: ")) {
                    name = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    data.append(line.substring(6));
                }
            }
        } catch (IOException e) {
            // closed by the test
        }
    }

    private static String headLines(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            b.append((char) c);
            if (b.length() >= 4 && b.substring(b.length() - 4).equals("\r\n\r\n")) {
                break;
            }
        }
        return b.toString();
    }

    /** The next event named {@code name} within {@code seconds}, skipping others; null on time-out. */
    Event next(String name, long seconds) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            Event e = events.poll(Math.max(0, until - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (e == null || e.name().equals(name)) {
                return e;
            }
        }
    }

    /** The status line of the response, once read. */
    String status() {
        return status;
    }

    long wireBytes() {
        return wireBytes.get();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private static final class CountingStream extends java.io.FilterInputStream {
        private final AtomicLong count;

        CountingStream(InputStream in, AtomicLong count) {
            super(in);
            this.count = count;
        }

        @Override
        public int read() throws IOException {
            int c = super.read();
            if (c >= 0) {
                count.incrementAndGet();
            }
            return c;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count.addAndGet(n);
            }
            return n;
        }
    }

    /** HTTP/1.1 chunked transfer coding, read as the plain body. */
    private static final class ChunkedStream extends InputStream {
        private final InputStream in;
        private int left;
        private boolean done;

        ChunkedStream(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (done) {
                return -1;
            }
            if (left == 0) {
                String size = line();
                if (size == null) {
                    done = true;
                    return -1;
                }
                if (size.isEmpty()) {
                    size = line();
                }
                left = Integer.parseInt(size.trim().split(";")[0], 16);
                if (left == 0) {
                    done = true;
                    return -1;
                }
            }
            int n = in.read(b, off, Math.min(len, left));
            if (n < 0) {
                done = true;
                return -1;
            }
            left -= n;
            return n;
        }

        private String line() throws IOException {
            StringBuilder s = new StringBuilder();
            int c;
            while ((c = in.read()) >= 0) {
                if (c == '\n') {
                    return s.toString().replace("\r", "");
                }
                s.append((char) c);
            }
            return s.length() == 0 ? null : s.toString();
        }
    }
}
