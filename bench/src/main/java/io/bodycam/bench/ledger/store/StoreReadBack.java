package io.bodycam.bench.ledger.store;

import io.bodycam.bench.ledger.BackendView;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The ledger's view of a foreign store as the bench read it back: each recorded segment's stored copies,
 * hashed by the bench (more than one is a duplicate; one whose bytes hash otherwise makes the segment
 * corrupt), and, when the store was listed, everything it holds. A store judges nothing, so a segment is
 * never "verified" by its word, only by the bench's hash matching the camera's.
 */
public final class StoreReadBack implements BackendView {

    private final String method;
    private final Map<String, Held> held;
    private final Set<String> listed;

    private StoreReadBack(String method, Map<String, Held> held, Set<String> listed) {
        this.method = method;
        this.held = Map.copyOf(held);
        this.listed = listed == null ? null : Set.copyOf(listed);
    }

    @Override
    public Optional<Held> lookup(String deviceId, String segmentId) {
        return Optional.ofNullable(held.get(BackendView.key(deviceId, segmentId)));
    }

    @Override
    public Optional<Set<String>> allKeys() {
        return Optional.ofNullable(listed);
    }

    @Override
    public String method() {
        return method;
    }

    /** Collects a read-back: each copy's hash, and what a listing showed. */
    static final class Builder {
        private final String method;
        private final Map<String, RecordedSegment> segments = new HashMap<>();
        private final Map<String, List<String>> copies = new HashMap<>();
        private final Set<String> listed;

        /**
         * @param method how the reader proves ({@link StoreReader#method()})
         * @param lists  whether the store was listed (else {@code evidence.unexpected} is not measured)
         */
        Builder(String method, boolean lists) {
            this.method = method;
            this.listed = lists ? new HashSet<>() : null;
        }

        /** A stored copy of {@code s} whose bytes hash to {@code sha256}. */
        void copy(RecordedSegment s, String sha256) {
            segments.put(s.key(), s);
            copies.computeIfAbsent(s.key(), k -> new ArrayList<>()).add(sha256);
        }

        /** The listing showed an object that is {@code key} ({@link BackendView#key}); {@code ?/name} for a name no template makes. */
        void listed(String key) {
            listed.add(key);
        }

        StoreReadBack build() {
            Map<String, Held> held = new HashMap<>();
            copies.forEach((key, hashes) -> {
                String recorded = segments.get(key).sha256();
                String sha = hashes.stream().filter(h -> !h.equals(recorded)).findFirst().orElse(recorded);
                held.put(key, new Held(sha.equals(recorded), sha, hashes.size()));
            });
            return new StoreReadBack(method, held, listed);
        }
    }
}
