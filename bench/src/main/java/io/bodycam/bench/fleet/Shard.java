package io.bodycam.bench.fleet;

/**
 * One slice of a fleet run on several machines ({@code bodycam run --shard i/N},
 * docs/design.md#shards): shard {@code i} of {@code N} (0-based, as a Kubernetes Indexed Job numbers
 * its pods) runs the cameras whose 1-based fleet index {@code k} has {@code (k - 1) mod N == i}. Seeds
 * and timeline picks still derive from the whole fleet, so the shards together run exactly the cameras,
 * and the per-camera events, of the unsharded run.
 *
 * @param index this shard, {@code 0..count-1}
 * @param count how many shards the fleet is cut into, {@code >= 1}
 */
public record Shard(int index, int count) {

    /** The whole fleet in one run. */
    public static final Shard WHOLE = new Shard(0, 1);

    public Shard {
        if (count < 1 || count > 10_000) {
            throw new IllegalArgumentException("shard count must be 1..10000, was " + count);
        }
        if (index < 0 || index >= count) {
            throw new IllegalArgumentException("shard index must be 0.." + (count - 1) + " for " + count
                    + " shards, was " + index);
        }
    }

    /**
     * Reads {@code i/N}, e.g. {@code 0/4} for the first of four shards.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static Shard parse(String text) {
        int slash = text == null ? -1 : text.indexOf('/');
        if (slash < 1 || slash == text.length() - 1) {
            throw new IllegalArgumentException("shard must look like i/N (e.g. 0/4, the first of four), was '" + text + "'");
        }
        try {
            return new Shard(Integer.parseInt(text.substring(0, slash).trim()), Integer.parseInt(text.substring(slash + 1).trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("shard must look like i/N with whole numbers (e.g. 0/4), was '" + text + "'", e);
        }
    }

    /** Whether the camera with this 1-based fleet index runs in this shard. */
    public boolean contains(int fleetIndex) {
        if (fleetIndex < 1) {
            throw new IllegalArgumentException("fleet index is 1-based, was " + fleetIndex);
        }
        return (fleetIndex - 1) % count == index;
    }

    public boolean whole() {
        return count == 1;
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
