package io.bodycam.bench.scenario;

import io.bodycam.bench.scenario.yaml.YamlMap;
import io.bodycam.sim.camera.CameraConfig;
import io.bodycam.sim.power.BatteryModel;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Reads a {@code camera:} mapping: only the keys written are applied, each range-checked where it is
 * read, so the camera builder never refuses a value later. Defaults and their sources are in
 * {@link CameraConfig.Builder} and docs/scenarios.md.
 */
final class CameraBinder {

    private static final Duration DAY = Duration.ofDays(1);

    private CameraBinder() {
    }

    static UnaryOperator<CameraConfig.Builder> read(YamlMap c) {
        List<UnaryOperator<CameraConfig.Builder>> steps = new ArrayList<>();
        if (c.has("bootTime")) {
            Duration v = c.duration("bootTime", Duration.ZERO, Duration.ofMinutes(5));
            steps.add(b -> b.bootTime(v));
        }
        if (c.has("preEvent")) {
            Duration v = c.duration("preEvent", Duration.ZERO, Duration.ofSeconds(120));
            steps.add(b -> b.preEvent(v));
        }
        if (c.has("segmentLength")) {
            Duration v = c.duration("segmentLength", Duration.ofSeconds(10), Duration.ofHours(4));
            steps.add(b -> b.segmentLength(v));
        }
        if (c.has("maxRecording")) {
            Duration v = c.duration("maxRecording", Duration.ofMinutes(1), DAY);
            steps.add(b -> b.maxRecording(v));
        }
        if (c.has("videoBitrate")) {
            double v = c.dataRate("videoBitrate", 4_000_000, 100_000, 100_000_000);
            steps.add(b -> b.videoBitsPerSecond(v));
        }
        if (c.has("storage") || c.has("storageLow")) {
            long size = c.dataSize("storage", 64_000_000_000L, 1_000_000, 4_000_000_000_000L);
            long low = c.dataSize("storageLow", Math.min(4_000_000_000L, size / 16), 0, 4_000_000_000_000L);
            if (low >= size) {
                c.problems().report(c.node(c.has("storageLow") ? "storageLow" : "storage").orElseThrow(),
                        "storageLow (" + low + " B) must be below storage (" + size + " B)");
            }
            steps.add(b -> b.storage(size, Math.min(low, size - 1)));
        }
        if (c.has("batteryStart")) {
            double v = c.fraction("batteryStart", 1.0) * 100;
            steps.add(b -> b.battery(BatteryModel.DEFAULT, v));
        }
        if (c.has("gpsIntervalRecording") || c.has("gpsIntervalIdle")) {
            Duration rec = c.duration("gpsIntervalRecording", Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofHours(1));
            Duration idle = c.duration("gpsIntervalIdle", Duration.ofMinutes(15), Duration.ofSeconds(1), DAY);
            steps.add(b -> b.gpsIntervals(rec, idle));
        }
        if (c.has("heartbeat")) {
            Duration v = c.duration("heartbeat", Duration.ofSeconds(1), Duration.ofHours(1));
            steps.add(b -> b.heartbeat(v));
        }
        if (c.has("dockUpload")) {
            double v = c.dataRate("dockUpload", 25_000_000, 10_000, 10_000_000_000.0);
            steps.add(b -> b.dockUploadBitsPerSecond(v));
        }
        if (c.has("firmware")) {
            String v = c.string("firmware");
            steps.add(b -> b.firmware(v));
        }
        if (c.has("firmwareApplyTime")) {
            Duration v = c.duration("firmwareApplyTime", Duration.ZERO, Duration.ofHours(1));
            steps.add(b -> b.firmwareApplyTime(v));
        }
        if (c.has("lteUpload")) {
            double v = c.dataRate("lteUpload", 5_000_000, 10_000, 1_000_000_000.0);
            steps.add(b -> b.lteUploadBitsPerSecond(v));
        }
        if (c.has("clockOffset")) {
            Duration v = c.duration("clockOffset", Duration.ofDays(-36_500), Duration.ofDays(36_500));
            steps.add(b -> b.clockOffset(v));
        }
        if (c.has("gpsLossesPerHour")) {
            double v = c.decimal("gpsLossesPerHour", 2, 0, 3600);
            steps.add(b -> b.gpsLossesPerHour(v));
        }
        c.optionalMap("centre").ifPresent(m -> {
            double lat = m.decimal("lat", CameraConfig.DEFAULT_LAT, -85, 85);
            double lon = m.decimal("lon", CameraConfig.DEFAULT_LON, -180, 180);
            steps.add(b -> b.centre(lat, lon));
        });
        c.optionalMap("network").ifPresent(n -> readNetwork(n, steps));
        return b -> {
            for (UnaryOperator<CameraConfig.Builder> step : steps) {
                step.apply(b);
            }
            return b;
        };
    }

    /** {@code network:}: the dock's bandwidth, and LTE outages (the camera's radio drops, then reconnects). */
    private static void readNetwork(YamlMap n, List<UnaryOperator<CameraConfig.Builder>> steps) {
        if (n.has("dock")) {
            double v = n.dataRate("dock", 25_000_000, 10_000, 10_000_000_000.0);
            steps.add(b -> b.dockUploadBitsPerSecond(v));
        }
        n.optionalMap("lte").ifPresent(lte -> {
            if (lte.has("upload")) {
                double v = lte.dataRate("upload", 5_000_000, 10_000, 1_000_000_000.0);
                steps.add(b -> b.lteUploadBitsPerSecond(v));
            }
            double perHour = lte.decimal("outagesPerHour", 0, 0, 60);
            Duration length = lte.duration("outageLength", Duration.ofMinutes(1), Duration.ofSeconds(1), Duration.ofHours(12));
            steps.add(b -> b.lteOutages(perHour, length));
        });
        for (String unsupported : List.of("wifi", "latency")) {
            n.node(unsupported).ifPresent(node -> n.problems().report(node, "network." + unsupported
                    + " is not modelled by the cameras yet", "network faults (latency, bandwidth) go through the fault proxy"));
        }
    }
}
