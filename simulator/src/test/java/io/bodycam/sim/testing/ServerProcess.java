package io.bodycam.sim.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A server (a broker, a tus server, an S3 server) running as a child process of the test JVM, in its
 * own temporary folder, listening on one loopback port: starts it and waits until it accepts
 * connections, kills it (the whole process tree) as a crash would, starts it again on the same port,
 * and stops it politely at the end.
 */
public abstract class ServerProcess implements AutoCloseable {

    static final String HOST = "127.0.0.1";

    private final int port;
    private final Path dir;
    private Process process;

    ServerProcess(int port, Path dir) {
        this.port = port;
        this.dir = dir;
    }

    /** The command that runs the server in the foreground, with its environment set. */
    abstract ProcessBuilder command() throws IOException;

    /** How long a start may take before the test gives up. */
    abstract Duration startTimeout();

    /** Runs after the server process has ended for good (e.g. to stop a helper daemon it started). */
    void afterStop() {
    }

    /** Starts the process and waits until the port accepts connections; kills it if it does not. */
    final void launch() throws IOException {
        Path log = logFile();
        Process p = command().redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        process = p;
        try {
            await(name() + " listening on " + HOST + ":" + port).atMost(startTimeout())
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> !p.isAlive() || accepts(port));
        } catch (ConditionTimeoutException e) {
            killTree(p);
            throw new IOException(name() + " did not listen on " + HOST + ":" + port + " within " + startTimeout()
                    + "; its log ends: " + tail(log), e);
        }
        if (!p.isAlive()) {
            throw new IOException(name() + " exited at start (" + p.exitValue() + "); its log ends: " + tail(log));
        }
    }

    /** A name and version for messages, e.g. {@code mosquitto 2.0.11}. */
    public abstract String name();

    public final int port() {
        return port;
    }

    /** The server's own folder (config, data, log); deleted by {@link #close()}. */
    final Path dir() {
        return dir;
    }

    final Path logFile() {
        return dir.resolve("server.log");
    }

    /** Stops the server at once, as a crash would: every connection drops. */
    public void kill() {
        killTree(process);
    }

    /** Starts the server again on the same port after {@link #kill()} and waits until it accepts connections. */
    public void startAgain() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name() + " is still running; kill() it first");
        }
        try {
            launch();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the server (politely where it can) and deletes its folder. */
    @Override
    public void close() {
        try {
            if (process != null && process.isAlive()) {
                process.destroy();
                if (!process.waitFor(15, TimeUnit.SECONDS)) {
                    killTree(process);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            killTree(process);
        } finally {
            afterStop();
            deleteTree(dir);
        }
    }

    private static void killTree(Process p) {
        if (p == null) {
            return;
        }
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        try {
            p.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(HOST, port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return s.getLocalPort();
        }
    }

    private static String tail(Path log) {
        try {
            String text = Files.exists(log) ? Files.readString(log) : "";
            return text.isBlank() ? "(empty)" : text.substring(Math.max(0, text.length() - 2_000));
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary folder is harmless
        }
    }
}
