package io.bodycam.bench.observer.internal;

import io.bodycam.bench.observer.SchemaCheck;
import io.bodycam.sim.link.PayloadMapping;
import io.bodycam.sim.link.TopicScheme;
import io.bodycam.sim.time.ManualClock;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Messages per second of {@link MessageHandler#handle} on one thread, every message schema-checked through
 * the tree ({@link SchemaCheck#ALL}), against the sample with the tree parse (a profile that maps only its
 * commands, so its messages take the tree path) and the sample with the light parse ({@link SchemaCheck#SAMPLE},
 * reference payloads): a fleet's mix of the reference payloads (per camera: 6 state, 4 gps, 2 events, 1 status
 * in 13), each camera sending 260, the median of 5 rounds after a warm-up. A measurement to print, not a test:
 * <pre>{@code
 * mvn -o -q -B -pl bench -am test-compile
 * java -cp "bench/target/test-classes:bench/target/classes:$(cat bench/target/cp.txt)" \
 *     io.bodycam.bench.observer.internal.HandlerThroughput
 * }</pre>
 * ({@code bench/target/cp.txt} from {@code mvn -o -q -pl bench dependency:build-classpath -Dmdep.outputFile=target/cp.txt}.)
 */
public final class HandlerThroughput {

    private static final int CAMERAS = 200;
    private static final int ROUNDS_PER_CAMERA = 260;
    private static final long T0 = 1_767_225_600_000L;

    private HandlerThroughput() {
    }

    private record Message(String topic, byte[] payload) {
    }

    public static void main(String[] args) {
        List<Message> messages = messages();
        System.out.printf("%d messages (%d cameras), median of 5 rounds%n", messages.size(), CAMERAS);
        TopicScheme r = TopicScheme.REFERENCE;
        TopicScheme commandsOnly = new TopicScheme(r.rules(), r.command(), r.statusWill(), new PayloadMapping(
                Map.of(PayloadMapping.Kind.CMD, new PayloadMapping.Rules(List.of(), List.of(), Map.of("vendor", "x")))));
        double before = measure(SchemaCheck.ALL, r, messages);
        double sampledTree = measure(SchemaCheck.SAMPLE, commandsOnly, messages);
        double after = measure(SchemaCheck.SAMPLE, r, messages);
        System.out.printf("all checked, tree parse:    %,9.0f msg/s%n", before);
        System.out.printf("sampled, tree parse:        %,9.0f msg/s (%.2fx)%n", sampledTree, sampledTree / before);
        System.out.printf("sampled, light parse:       %,9.0f msg/s (%.2fx)%n", after, after / before);
    }

    private static double measure(SchemaCheck check, TopicScheme topics, List<Message> messages) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try {
            run(check, topics, messages, timer);
            run(check, topics, messages, timer);
            double[] rates = new double[5];
            for (int i = 0; i < rates.length; i++) {
                rates[i] = run(check, topics, messages, timer);
            }
            Arrays.sort(rates);
            return rates[rates.length / 2];
        } finally {
            timer.shutdownNow();
        }
    }

    /** One round through a fresh model (a fresh sample): messages per second. */
    private static double run(SchemaCheck check, TopicScheme topics, List<Message> messages, ScheduledExecutorService timer) {
        ManualClock clock = new ManualClock(T0 + 1_000);
        FleetModel fleet = new FleetModel(clock);
        MessageHandler handler = new MessageHandler(fleet, new CommandBook(timer), id -> true, topics);
        handler.schemaCheck(check);
        long start = System.nanoTime();
        for (Message m : messages) {
            handler.handle(m.topic(), m.payload(), false, T0 + 1_000);
        }
        long nanos = System.nanoTime() - start;
        if (fleet.stats(0, 0).malformed() != 0) {
            throw new IllegalStateException("a payload breaks the contract: " + fleet.stats(0, 0).firstMalformed());
        }
        return messages.size() * 1e9 / nanos;
    }

    private static List<Message> messages() {
        List<Message> all = new ArrayList<>();
        for (int round = 0; round < ROUNDS_PER_CAMERA; round++) {
            for (int c = 0; c < CAMERAS; c++) {
                String id = String.format("IPD-%04d", c);
                String base = "bwc/v1/kcpd/" + id + "/";
                long ts = T0 + round * 1_000L;
                int k = round % 13;
                if (k < 6) {
                    all.add(new Message(base + "state", json(id, round, ts, "\"mode\":\"RECORDING\",\"dockPhase\":null,\"flags\":[\"LOW_BATTERY\"],"
                            + "\"battery\":{\"pct\":9.5,\"charging\":false},"
                            + "\"storage\":{\"capacityBytes\":64000000000,\"usedBytes\":1800000000,\"freeBytes\":62200000000},"
                            + "\"uploadQueue\":{\"segments\":3,\"bytes\":1800000000},"
                            + "\"recording\":{\"id\":\"" + id + "-R00003\",\"since\":1767225000000},"
                            + "\"firmware\":\"4.12.3\",\"clockOffsetMs\":0,\"officer\":\"badge-0001\"")));
                } else if (k < 10) {
                    all.add(new Message(base + "gps", json(id, round, ts, "\"fix\":\"3d\",\"lat\":39.09113,\"lon\":-94.41551,"
                            + "\"alt\":290.0,\"speed\":11.2,\"heading\":87.0,\"hdop\":0.9,\"satellites\":9")));
                } else if (k < 12) {
                    all.add(new Message(base + "events", json(id, round, ts, "\"type\":\"segment.closed\",\"recordingId\":\"" + id
                            + "-R00003\",\"segmentId\":\"" + id + "-R00003-S" + round + "\",\"index\":" + round
                            + ",\"bytes\":1048576,\"nominalBytes\":150000000,"
                            + "\"sha256\":\"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\","
                            + "\"start\":1767225000000,\"end\":1767225060000,\"preEventSeconds\":30")));
                } else {
                    all.add(new Message(base + "status", json(id, round, ts, "\"status\":\"online\",\"firmware\":\"4.12.3\"")));
                }
            }
        }
        return all;
    }

    /** Seq per topic is the round: every camera's streams count up without gaps that matter here. */
    private static byte[] json(String id, long seq, long ts, String fields) {
        return ("{\"schema\":1,\"deviceId\":\"" + id + "\",\"seq\":" + seq + ",\"ts\":" + ts + "," + fields + "}")
                .getBytes(StandardCharsets.UTF_8);
    }
}
