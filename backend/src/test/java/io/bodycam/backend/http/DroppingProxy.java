package io.bodycam.backend.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback TCP proxy for tests that breaks the first connection through it after that connection
 * has carried {@code dropAfter} bytes towards the server (closing both sides mid-request); later
 * connections pass untouched.
 */
final class DroppingProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final int targetPort;
    private final long dropAfter;
    private final AtomicInteger connections = new AtomicInteger();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "dropping-proxy");
        t.setDaemon(true);
        return t;
    });

    DroppingProxy(int targetPort, long dropAfter) throws IOException {
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.targetPort = targetPort;
        this.dropAfter = dropAfter;
        threads.execute(this::acceptLoop);
    }

    int port() {
        return listener.getLocalPort();
    }

    /** Connections accepted so far. */
    int connections() {
        return connections.get();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                sockets.add(client);
                sockets.add(server);
                boolean first = connections.getAndIncrement() == 0;
                threads.execute(() -> pump(client, server, first ? dropAfter : Long.MAX_VALUE));
                threads.execute(() -> pump(server, client, Long.MAX_VALUE));
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void pump(Socket from, Socket to, long limit) {
        byte[] buffer = new byte[8192];
        long total = 0;
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            int n;
            while ((n = in.read(buffer)) >= 0) {
                int pass = (int) Math.min(n, limit - total);
                out.write(buffer, 0, pass);
                out.flush();
                total += pass;
                if (total >= limit) {
                    break;
                }
            }
        } catch (IOException e) {
            // the other direction closed the sockets
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        sockets.forEach(DroppingProxy::closeQuietly);
        threads.shutdownNow();
    }
}
