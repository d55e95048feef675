package io.bodycam.bench.metrics;

import io.bodycam.bench.observer.FleetObserver;
import io.bodycam.record.RunRecord;
import io.bodycam.sim.state.Mode;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.util.function.ToDoubleFunction;

/**
 * The run's live numbers as Micrometer meters (docs/design.md#measured-not-guessed), bound to the
 * observer and the collector: the progress line reads them during the run, and their final Prometheus
 * exposition is kept in the run record as {@value #FILE}.
 */
public final class RunMeters {

    public static final String FILE = RunRecord.METRICS;

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    public RunMeters(FleetObserver observer, RunCollector collector, CommandCounter commands) {
        Gauge.builder("bodycam.devices.online", observer, FleetObserver::onlineCount)
                .description("cameras online, as the backend's observer sees them").register(registry);
        Gauge.builder("bodycam.devices.connected.peak", observer, FleetObserver::connectedPeak)
                .description("most cameras online at once").register(registry);
        for (Mode mode : Mode.values()) {
            Gauge.builder("bodycam.devices.mode", collector, c -> c.modeCounts().getOrDefault(mode, 0))
                    .tag("mode", mode.name()).description("cameras in each firmware mode").register(registry);
        }
        counter("bodycam.mqtt.received", observer, o -> o.stats().receivedTotal(), "messages the observer received");
        counter("bodycam.recordings.started", collector, RunCollector::recordingsStarted, "recordings started");
        counter("bodycam.evidence.segments.recorded", collector, c -> c.ledger().size(), "segments recorded");
        counter("bodycam.uploads.completed", collector, RunCollector::uploadsCompleted, "segment uploads completed");
        counter("bodycam.uploads.failed", collector, RunCollector::uploadsFailed, "failed upload or verification attempts");
        counter("bodycam.uploads.bytes", collector, RunCollector::uploadBytes, "payload bytes uploaded");
        Gauge.builder("bodycam.firmware.downloading", collector, c -> c.updates().downloadingNow())
                .description("cameras downloading a firmware image now").register(registry);
        counter("bodycam.firmware.applied", collector, c -> c.updates().applied(), "firmware updates applied");
        counter("bodycam.firmware.rejected", collector, c -> c.updates().rejected(), "firmware offers or images rejected");
        counter("bodycam.priority.uploads.completed", collector, c -> c.updates().priorityCompleted(),
                "priority uploads completed over LTE");
        counter("bodycam.priority.uploads.cancelled", collector, c -> c.updates().priorityCancelled(),
                "priority uploads cancelled");
        counter("bodycam.commands.sent", commands, CommandCounter::sent, "backend commands sent");
        counter("bodycam.commands.acked", commands, CommandCounter::acked, "commands acknowledged ok");
        counter("bodycam.commands.failed", commands, CommandCounter::failed, "commands failed or unanswered");
    }

    private <T> void counter(String name, T source, ToDoubleFunction<T> f, String description) {
        FunctionCounter.builder(name, source, f).description(description).register(registry);
    }

    public double value(String name) {
        var meter = registry.find(name);
        var gauge = meter.gauge();
        return gauge != null ? gauge.value() : meter.functionCounter().count();
    }

    /** The registry itself, for the record's own meters and the Prometheus endpoint. */
    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** The Prometheus text exposition of every meter now. */
    public String scrape() {
        return registry.scrape();
    }
}
