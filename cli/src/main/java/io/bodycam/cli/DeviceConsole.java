package io.bodycam.cli;

import io.bodycam.bench.device.DeviceSession;
import io.bodycam.bench.device.DeviceSteps;
import io.bodycam.bench.live.EventLine;
import io.bodycam.sim.camera.CameraListener;
import io.bodycam.sim.state.DockPhase;
import io.bodycam.sim.state.Mode;
import io.bodycam.sim.state.Trigger;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.completer.AggregateCompleter;
import org.jline.reader.impl.completer.ArgumentCompleter;
import org.jline.reader.impl.completer.NullCompleter;
import org.jline.reader.impl.completer.StringsCompleter;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.AttributedString;
import org.jline.utils.Status;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * {@code bodycam device} at a terminal: a JLine prompt with history (kept in
 * {@code ~/.bodycam_device_history}) and completion of the steps, device ids, modes and triggers, the
 * cameras' events printed above the prompt as they happen, and a status line with the selected camera
 * and the clock, refreshed every second.
 */
final class DeviceConsole {

    private DeviceConsole() {
    }

    /** Reads steps until {@code quit}, Ctrl-D or Ctrl-C; returns the exit code (0). */
    static int run(DeviceSession session, DeviceSteps steps) throws IOException {
        try (Terminal terminal = TerminalBuilder.builder().name("bodycam device").system(true).build()) {
            LineReader reader = LineReaderBuilder.builder().terminal(terminal).appName("bodycam device")
                    .completer(completer(session))
                    .variable(LineReader.HISTORY_FILE, Path.of(System.getProperty("user.home"), ".bodycam_device_history"))
                    .build();
            Status status = Status.getStatus(terminal);
            CameraListener tail = e -> reader.printAbove(DeviceSteps.line(EventLine.of(e)));
            session.listen(tail);
            ScheduledExecutorService refresh = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "bodycam-device-status");
                t.setDaemon(true);
                return t;
            });
            if (status != null) {
                refresh.scheduleAtFixedRate(() -> status.update(List.of(new AttributedString(steps.brief()))), 0, 1, TimeUnit.SECONDS);
            }
            terminal.writer().println("bodycam device: type help for the steps, quit to leave");
            try {
                while (true) {
                    String line = reader.readLine("device " + steps.selected() + "> ");
                    if (line.strip().equals("quit") || line.strip().equals("exit")) {
                        return 0;
                    }
                    DeviceSteps.Outcome o = steps.run(line);
                    if (!o.text().isEmpty()) {
                        terminal.writer().println(o.ok() ? o.text() : "! " + o.text());
                    }
                }
            } catch (UserInterruptException | EndOfFileException e) {
                return 0;
            } finally {
                refresh.shutdownNow();
                session.unlisten(tail);
                if (status != null) {
                    status.close();
                }
            }
        }
    }

    private static AggregateCompleter completer(DeviceSession session) {
        List<String> ids = session.deviceIds();
        List<String> what = new ArrayList<>(List.of("mode", "phase", "event", "uploaded", "online", "offline", "within"));
        Arrays.stream(Mode.values()).map(Enum::name).forEach(what::add);
        Arrays.stream(DockPhase.values()).map(Enum::name).forEach(what::add);
        List<ArgumentCompleter> each = new ArrayList<>();
        for (String step : DeviceSteps.NAMES) {
            List<String> args = switch (step) {
                case "use" -> ids;
                case "record" -> Arrays.stream(Trigger.values()).map(Trigger::wireName).toList();
                case "storage" -> List.of("full", "free");
                case "wait", "expect" -> what;
                case "command" -> List.of("locate", "setConfig", "startRecording", "stopRecording", "reboot", "updateFirmware");
                default -> List.of();
            };
            each.add(new ArgumentCompleter(new StringsCompleter(step), args.isEmpty() ? NullCompleter.INSTANCE
                    : new StringsCompleter(args), NullCompleter.INSTANCE));
        }
        each.add(new ArgumentCompleter(new StringsCompleter("quit"), NullCompleter.INSTANCE));
        return new AggregateCompleter(each.toArray(ArgumentCompleter[]::new));
    }
}
