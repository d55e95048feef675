package io.bodycam.cli;

import io.bodycam.bench.live.LiveServer;
import io.bodycam.bench.live.RecordReplay;
import io.bodycam.bench.run.Endpoint;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * {@code bodycam report --ui-port PORT RUN_DIR}: the live dashboard replaying a finished run from its
 * record, served until the process is stopped (Ctrl-C) or the calling thread is interrupted.
 */
final class ReplayServer {

    private ReplayServer() {
    }

    /** @return 0 once stopped */
    static int serve(Path dir, Endpoint ui, PrintWriter out) {
        RecordReplay replay = RecordReplay.open(dir);
        LiveServer.Builder b = LiveServer.builder(replay).bind(ui.bind()).port(ui.port());
        if (ui.token() != null) {
            b.token(ui.token());
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(stopped::countDown, "bodycam-replay-stop");
        try (LiveServer server = b.start()) {
            Runtime.getRuntime().addShutdownHook(hook);
            out.println("replaying " + dir + " on the live dashboard at " + server.uri() + " (Ctrl-C to stop)");
            out.flush();
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: the process is on its way out
            }
        }
        return 0;
    }
}
