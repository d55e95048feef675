package io.bodycam.reports.html;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bodycam.record.files.Tick;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * The time series as columns for the charts: one point per bucket of looks (one look per bucket up to
 * {@value #MAX_POINTS} looks; longer runs are bucketed so a chart never holds more points than that).
 * Rates are averaged over a bucket; fleet counts take the bucket's last look.
 */
final class SeriesDigest {

    static final int MAX_POINTS = 1200;

    private SeriesDigest() {
    }

    static ObjectNode of(List<Tick> ticks) {
        ObjectNode s = Json.object();
        int per = Math.max(1, (ticks.size() + MAX_POINTS - 1) / MAX_POINTS);
        column(s, "t", ticks, per, t -> t.wallMs() / 1000.0, false);
        column(s, "virtualMin", ticks, per, t -> t.virtualMs() / 60_000.0, false);
        column(s, "online", ticks, per, Tick::online, false);
        column(s, "recording", ticks, per, Tick::recording, false);
        column(s, "uploading", ticks, per, Tick::uploading, false);
        ObjectNode modes = s.putObject("modes");
        for (String mode : names(ticks, true)) {
            column(modes, mode, ticks, per, t -> t.modes().getOrDefault(mode, 0), false);
        }
        ObjectNode mqtt = s.putObject("mqtt");
        for (String kind : names(ticks, false)) {
            column(mqtt, kind, ticks, per, t -> perSecond(t, t.mqtt().getOrDefault(kind, 0L)), true);
        }
        column(s, "uploadMBps", ticks, per, t -> perSecond(t, t.uploadBytes()) / 1e6, true);
        column(s, "uploadsCompleted", ticks, per, t -> perSecond(t, t.uploadsCompleted()), true);
        column(s, "uploadsFailed", ticks, per, t -> perSecond(t, t.uploadsFailed()), true);
        column(s, "errors", ticks, per, t -> t.total(Tick.Total.ERRORS), false);
        column(s, "segments", ticks, per, t -> t.total(Tick.Total.SEGMENTS), false);
        column(s, "commandsSent", ticks, per, t -> t.total(Tick.Total.COMMANDS_SENT), false);
        column(s, "commandsAcked", ticks, per, t -> t.total(Tick.Total.COMMANDS_ACKED), false);
        return s;
    }

    private static double perSecond(Tick t, long count) {
        return t.intervalMs() <= 0 ? 0 : count * 1000.0 / t.intervalMs();
    }

    private static Set<String> names(List<Tick> ticks, boolean modes) {
        Set<String> names = new LinkedHashSet<>();
        for (Tick t : ticks) {
            names.addAll(modes ? t.modes().keySet() : t.mqtt().keySet());
        }
        return names;
    }

    private static void column(ObjectNode parent, String name, List<Tick> ticks, int per, ToDoubleFunction<Tick> f, boolean average) {
        ArrayNode a = parent.putArray(name);
        for (int i = 0; i < ticks.size(); i += per) {
            int end = Math.min(ticks.size(), i + per);
            if (average) {
                double sum = 0;
                for (int k = i; k < end; k++) {
                    sum += f.applyAsDouble(ticks.get(k));
                }
                Json.add(a, sum / (end - i));
            } else {
                Json.add(a, f.applyAsDouble(ticks.get(end - 1)));
            }
        }
    }
}
