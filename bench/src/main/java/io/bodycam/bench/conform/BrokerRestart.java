package io.bodycam.bench.conform;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * How the kit restarts the broker under test, for the case that needs one ({@code MQTT-RESTART-01}): a
 * vendor's command (the capability file's {@code brokerRestart}), or the embedded reference broker's own
 * restart. It returns once the restart was asked for; the case then waits for the broker to accept
 * connections again.
 */
@FunctionalInterface
public interface BrokerRestart {

    /** How long a restart command may run before the kit gives up on it. */
    Duration COMMAND_TIMEOUT = Duration.ofMinutes(2);

    /** Restarts the broker, writing what it did to {@code log}; throws if the restart could not be carried out. */
    void restart(List<String> log) throws Exception;

    /**
     * Runs {@code command} with {@code sh -c} (for instance {@code systemctl restart mosquitto}): the restart
     * fails if it exits other than 0 or runs longer than {@link #COMMAND_TIMEOUT}. Its output goes to the log.
     */
    static BrokerRestart command(String command) {
        if (command == null || command.isBlank()) {
            throw new IllegalArgumentException("the broker restart command is empty");
        }
        return log -> {
            log.add("RESTART the broker: sh -c " + command);
            // the output goes to a file, read back at the end: a command that writes more than a pipe holds
            // would otherwise block while nobody reads it
            Path output = Files.createTempFile("bodycam-broker-restart-", ".log");
            try {
                Process p = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true)
                        .redirectOutput(output.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
                boolean done;
                try {
                    done = p.waitFor(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    p.destroyForcibly();
                    throw e;
                }
                if (!done) {
                    p.destroyForcibly();
                }
                Files.readAllLines(output, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).limit(20)
                        .forEach(l -> log.add("  | " + l));
                if (!done) {
                    throw new IOException("the broker restart command did not end within " + COMMAND_TIMEOUT.toSeconds() + " s");
                }
                if (p.exitValue() != 0) {
                    throw new IOException("the broker restart command exited " + p.exitValue());
                }
                log.add("  the command exited 0");
            } finally {
                Files.deleteIfExists(output);
            }
        };
    }
}
