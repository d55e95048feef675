package io.bodycam.sim.mqtt.internal;

import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;

/**
 * Logs the first occurrence of a per-device problem at WARN and every later one at DEBUG, so a fleet of
 * thousands of cameras hitting the same fault does not flood the log (after Micrometer's logger of that name).
 */
public final class WarnThenDebugLogger {

    private final Logger logger;
    private final AtomicBoolean warned = new AtomicBoolean();

    public WarnThenDebugLogger(Logger logger) {
        this.logger = logger;
    }

    public void log(String format, Object... args) {
        if (!warned.get() && warned.compareAndSet(false, true)) {
            logger.warn(format + " (logged once at WARN; later occurrences at DEBUG)", args);
        } else {
            logger.debug(format, args);
        }
    }
}
