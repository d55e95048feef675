package io.bodycam.bench.observer.internal;

import io.bodycam.bench.observer.TopicKind;
import io.bodycam.sim.link.TopicScheme;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The filters an observer subscribes to, each with its QoS: one per {@link TopicKind} over every camera of an
 * agency ({@code +} for all), or, for an observer of some cameras only, one per kind and camera. A shard's
 * observer on a broker that other shards share takes the second form, so the broker sends it its own cameras'
 * messages and no other shard's (with a filter per kind, four shards' observers made the broker send every
 * message four times). The filters go out in SUBSCRIBE packets of at most {@link #BATCH} each, so that neither
 * a SUBSCRIBE nor its SUBACK grows with the fleet.
 */
public final class Subscriptions {

    /** The filters of one SUBSCRIBE packet at most: a SUBACK of one byte per filter stays near 1 KB. */
    public static final int BATCH = 1_000;

    private final Map<String, Integer> filters;
    private final String shown;

    private Subscriptions(Map<String, Integer> filters, String shown) {
        this.filters = Collections.unmodifiableMap(filters);
        this.shown = shown;
    }

    /**
     * @param handler the handler whose topic scheme says where each kind of message goes
     * @param agency  the agency level, or {@code +} for every agency
     * @param cameras the device ids to subscribe to, or null for every camera
     */
    public static Subscriptions of(MessageHandler handler, String agency, Collection<String> cameras) {
        Map<String, Integer> filters = new LinkedHashMap<>();
        if (cameras == null) {
            for (TopicKind kind : TopicKind.values()) {
                filters.put(TopicScheme.filter(handler.template(kind), agency), kind.qos());
            }
            return new Subscriptions(filters, TopicScheme.filter(handler.template(TopicKind.STATUS), agency) + " ...");
        }
        if (cameras.isEmpty()) {
            throw new IllegalArgumentException("an observer of some cameras needs at least one device id");
        }
        for (String deviceId : new TreeSet<>(cameras)) {
            for (TopicKind kind : TopicKind.values()) {
                filters.put(TopicScheme.filter(handler.template(kind), agency, deviceId), kind.qos());
            }
        }
        return new Subscriptions(filters, filters.keySet().iterator().next() + " ... (" + filters.size() + " filters, "
                + cameras.size() + " cameras)");
    }

    /** Every filter with its QoS, in the order subscribed. */
    public Map<String, Integer> filters() {
        return filters;
    }

    /** The filters in SUBSCRIBE-sized batches, in order, each at most {@link #BATCH}. */
    public List<Map<String, Integer>> batches() {
        List<Map<String, Integer>> batches = new ArrayList<>();
        Map<String, Integer> batch = new LinkedHashMap<>();
        for (Map.Entry<String, Integer> f : filters.entrySet()) {
            batch.put(f.getKey(), f.getValue());
            if (batch.size() == BATCH) {
                batches.add(Collections.unmodifiableMap(batch));
                batch = new LinkedHashMap<>();
            }
        }
        if (!batch.isEmpty()) {
            batches.add(Collections.unmodifiableMap(batch));
        }
        return batches;
    }

    /**
     * What a broker's return codes for these filters say, short enough for an error message: the codes
     * themselves for a few filters; for many, how many were refused (0x80) and how many codes came.
     */
    public String granted(List<Integer> codes) {
        if (codes.size() <= 10 && filters.size() <= 10) {
            return "granted " + codes;
        }
        long refused = codes.stream().filter(c -> c == 0x80).count();
        return refused + " of " + codes.size() + " refused, for " + filters.size() + " filters";
    }

    /** The first filter and how many there are, for a log line or an error. */
    @Override
    public String toString() {
        return shown;
    }
}
