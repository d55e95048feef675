package io.bodycam.bench.live;

import io.bodycam.sim.state.Mode;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The fleet's figures at one moment: cameras per mode, message and upload rates, latency percentiles
 * and evidence so far, the scenario's assertions as they stand and the faults in force.
 *
 * @param virtualTime         the fleet's clock, virtual epoch milliseconds
 * @param cameras             cameras in the fleet
 * @param modes               cameras per firmware mode (every mode present, zero included)
 * @param online              cameras the backend sees connected
 * @param uploading           cameras sending or verifying a segment
 * @param mqttPerSecond       MQTT messages the backend received per wall second, lately
 * @param uploadBytesPerSecond evidence payload bytes per wall second, lately
 * @param latency             percentiles so far by kind ({@code state}, {@code gps}, {@code events},
 *                            {@code commandRtt}, ...), in milliseconds; a kind with no value yet is absent
 */
public record FleetCounters(long virtualTime, int cameras, Map<Mode, Integer> modes, int online, int uploading,
                           double mqttPerSecond, double uploadBytesPerSecond, Map<String, Latency> latency,
                           Evidence evidence, List<AssertionState> assertions, List<ActiveFault> faults) {

    public FleetCounters {
        EnumMap<Mode, Integer> all = new EnumMap<>(Mode.class);
        for (Mode m : Mode.values()) {
            all.put(m, modes.getOrDefault(m, 0));
        }
        modes = Collections.unmodifiableMap(all);
        latency = Map.copyOf(latency);
        Objects.requireNonNull(evidence, "evidence");
        assertions = List.copyOf(assertions);
        faults = List.copyOf(faults);
    }

    public int recording() {
        return modes.get(Mode.RECORDING);
    }

    /** Latency percentiles in milliseconds. */
    public record Latency(double p50, double p90, double p99, double max) {
    }

    /**
     * Evidence so far, in segments.
     *
     * @param pending recorded and neither verified nor judged lost or corrupt yet
     */
    public record Evidence(long recorded, long verified, long lost, long duplicated, long corrupt, long pending) {

        public static final Evidence NONE = new Evidence(0, 0, 0, 0, 0, 0);
    }

    /** Where an assertion stands while the run goes on. */
    public enum Verdict {
        /** Holds as it stands; it may still fail. */
        HOLDS,
        /** Fails as it stands; it may still come to hold. */
        FAILS,
        /** Failed for good (an upper bound on a count that can only grow is already passed). */
        FAILED,
        /** Its metric has no value yet. */
        UNMEASURED
    }

    /**
     * One assertion of the scenario.
     *
     * @param actual the metric's value now, or null when it has none
     * @param unit   the metric's unit ({@code ms}, empty for a count)
     */
    public record AssertionState(String expr, Verdict verdict, Double actual, String unit) {

        public AssertionState {
            Objects.requireNonNull(expr, "expr");
            Objects.requireNonNull(verdict, "verdict");
            Objects.requireNonNull(unit, "unit");
        }
    }

    /**
     * A fault in force.
     *
     * @param kind   what it is ({@code latency}, {@code brokerRestart}, {@code lte.outage}, ...)
     * @param target what it hits (a proxy, a fleet group, a device id)
     * @param detail its parameters, for people
     * @param since  virtual epoch milliseconds when it began
     */
    public record ActiveFault(String kind, String target, String detail, long since) {

        public ActiveFault {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(detail, "detail");
        }
    }
}
