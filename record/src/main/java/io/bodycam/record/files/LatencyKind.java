package io.bodycam.record.files;

import io.bodycam.record.RunRecord;

/**
 * The latencies a run record keeps as HdrHistogram interval logs, one file each under
 * {@code latency/}: its name in the record, the unit its values are recorded in, and what it measures.
 */
public enum LatencyKind {
    STATE("state", Unit.MICROS, "state message: camera timestamp to arrival at the observer", "mqtt.state.latency"),
    GPS("gps", Unit.MICROS, "gps message: camera timestamp to arrival at the observer", "mqtt.gps.latency"),
    EVENTS("events", Unit.MICROS, "events message: camera timestamp to arrival at the observer", "mqtt.events.latency"),
    STATUS("status", Unit.MICROS, "status message: camera timestamp to arrival at the observer", "mqtt.status.latency"),
    ACK("ack", Unit.MICROS, "cmd/ack message: camera timestamp to arrival at the observer", "mqtt.ack.latency"),
    COMMAND_RTT("commandRtt", Unit.MICROS, "command round trip: publish to ack", "commands.rtt"),
    RECORD_TO_VERIFIED("recordToVerified", Unit.VIRTUAL_MILLIS, "segment closed on the camera to verified by the backend",
            "evidence.recordToVerified"),
    TIMER_LAG("timerLag", Unit.MICROS, "how late camera timers fired on their event loops", "timer.lag");

    /** How a log's values are counted. */
    public enum Unit {
        /** wall-clock microseconds */
        MICROS(1e-3),
        /** virtual (scenario) milliseconds */
        VIRTUAL_MILLIS(1);

        private final double toMillis;

        Unit(double toMillis) {
            this.toMillis = toMillis;
        }

        /** A recorded value in milliseconds (wall or virtual, as the unit says). */
        public double millis(long value) {
            return value * toMillis;
        }
    }

    private final String id;
    private final Unit unit;
    private final String description;
    private final String metric;

    LatencyKind(String id, Unit unit, String description, String metric) {
        this.id = id;
        this.unit = unit;
        this.description = description;
        this.metric = metric;
    }

    /** The name in the record: the log is {@code latency/<id>.hlog}. */
    public String id() {
        return id;
    }

    public Unit unit() {
        return unit;
    }

    public String description() {
        return description;
    }

    /**
     * The metric in {@code summary.json} whose percentiles ({@code .p50}, {@code .p90}, {@code .p99},
     * {@code .max}, in milliseconds) describe this log's values, e.g. {@code mqtt.state.latency}.
     */
    public String metric() {
        return metric;
    }

    /** The log's path relative to the run folder. */
    public String file() {
        return RunRecord.LATENCY + "/" + id + ".hlog";
    }
}
