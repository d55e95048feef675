package io.bodycam.sim.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

import reactor.blockhound.BlockHound;
import reactor.blockhound.BlockingMethod;

/**
 * Fails a test in which a Netty event loop thread blocked (docs/design.md#no-thread-per-device):
 * BlockHound, with Netty's own integration marking event loop threads non-blocking, reports every
 * blocking call made on one; this guard records them and fails the test after it with where each
 * happened. Recording instead of throwing lets the code under test go on, so the failure lists every
 * offender, not just the first.
 *
 * <p>BlockHound knows the JDK's blocking primitives (sleep, park, wait, socket and stream I/O); file
 * channels are not among them, so the guard adds positional file reads and writes and the file system
 * calls that open, move, delete and create files and folders.
 *
 * <p>Tests annotated {@link Guarded} run only in the module's {@value #TAG} surefire execution: its own
 * JVM, started with {@code -XX:+AllowRedefinitionToAddDeleteMethods} (BlockHound redefines loaded JDK
 * classes), so the other tests never run instrumented.
 */
public final class EventLoopGuard implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback {

    /** The JUnit tag of guarded tests (and the id of the surefire execution that runs them). */
    public static final String TAG = "event-loop-guard";

    /** Runs a test class under the guard, in the {@value #TAG} execution. */
    @Target(ElementType.TYPE)
    @Retention(RetentionPolicy.RUNTIME)
    @Tag(TAG)
    @ExtendWith(EventLoopGuard.class)
    public @interface Guarded {
    }

    /** One blocking call on an event loop. */
    public record Blocked(String method, String thread, List<String> stack) {
        @Override
        public String toString() {
            return method + " on " + thread + stack.stream().map(f -> "\n        at " + f).collect(Collectors.joining());
        }
    }

    /** Stack frames from these say nothing about who blocked. */
    private static final Set<String> NOISE = Set.of("java.", "jdk.", "sun.", "reactor.blockhound.",
            EventLoopGuard.class.getName());
    private static final int FRAMES = 12;
    private static final List<Blocked> BLOCKED = new CopyOnWriteArrayList<>();
    private static boolean installed;

    @Override
    public void beforeAll(ExtensionContext context) {
        install();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        BLOCKED.clear();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        List<Blocked> found = takeBlocked();
        if (!found.isEmpty()) {
            throw new AssertionError(found.size() + " blocking call(s) on an event loop:\n  "
                    + found.stream().map(Blocked::toString).collect(Collectors.joining("\n  ")));
        }
    }

    /**
     * The blocking calls recorded since the test started, which then no longer fail it: for a test of
     * the guard itself.
     */
    public static List<Blocked> takeBlocked() {
        List<Blocked> found = new ArrayList<>(BLOCKED);
        BLOCKED.removeAll(found);
        return found;
    }

    /** Installs BlockHound once per JVM. */
    public static synchronized void install() {
        if (installed) {
            return;
        }
        BlockHound.Builder b = BlockHound.builder().loadIntegrations();
        // Disk I/O through NIO file channels (FileChannel.read/write at a position): not in BlockHound's list.
        b.markAsBlocking("sun.nio.ch.FileDispatcherImpl", "pread0", "(Ljava/io/FileDescriptor;JIJ)I");
        b.markAsBlocking("sun.nio.ch.FileDispatcherImpl", "pwrite0", "(Ljava/io/FileDescriptor;JIJ)I");
        // Opening, moving and deleting files and creating folders (Files.*, FileChannel.open).
        b.markAsBlocking("sun.nio.fs.UnixNativeDispatcher", "open0", "(JII)I");
        b.markAsBlocking("sun.nio.fs.UnixNativeDispatcher", "rename0", "(JJ)V");
        b.markAsBlocking("sun.nio.fs.UnixNativeDispatcher", "unlink0", "(J)V");
        b.markAsBlocking("sun.nio.fs.UnixNativeDispatcher", "mkdir0", "(JI)V");
        // Allowed, the whole list:
        // - a job handed to the video workers (or the server's disk pool): ThreadPoolExecutor.execute puts
        //   it in a bounded ArrayBlockingQueue, whose lock a worker holds for an instant to take a job;
        //   the event loop can park there only for that instant, never for I/O.
        b.allowBlockingCallsInside("io.bodycam.sim.video.VideoWorkers", "submit");
        // - UUID.randomUUID (the evidence server's upload ids): SecureRandom reads 16 bytes of
        //   /dev/urandom, which never waits on Linux; no disk involved.
        b.allowBlockingCallsInside("java.util.UUID", "randomUUID");
        // Logging to the console and class loading are allowed by BlockHound's own integrations.
        b.blockingMethodCallback(EventLoopGuard::record);
        b.install();
        installed = true;
    }

    private static void record(BlockingMethod method) {
        List<String> frames = Stream.of(new Throwable().getStackTrace())
                .filter(f -> NOISE.stream().noneMatch(f.getClassName()::startsWith))
                .limit(FRAMES)
                .map(StackTraceElement::toString)
                .toList();
        BLOCKED.add(new Blocked(method.toString(), Thread.currentThread().getName(), frames));
    }
}
