package io.bodycam.bench.observer;

/**
 * Which messages the observer validates against their JSON Schema in {@code docs/contract/asyncapi.yaml}
 * (scenario key {@code observer.schemaCheck}). The basic contract checks (a JSON object, {@code schema} 1,
 * the topic's {@code deviceId}, integer {@code seq} and {@code ts}, the fields the observer reads) are made
 * on every message either way; the schema check is what costs, the observer's largest share of CPU at
 * thousands of cameras.
 *
 * <p>The sample is counted per stream: one camera's messages of one topic kind, and on {@code events}
 * one camera's events of one {@code type}. Of each stream's messages that pass the basic checks, the
 * first {@value #FIRST} are validated, then one in {@value #EVERY}: the n-th (counted from 0) when
 * {@code n < 4} or {@code n % 16 == 0}. The rule depends on nothing else, so the same messages are
 * checked in every run of the same fleet.
 */
public enum SchemaCheck {
    /** Every message is validated against its schema. */
    ALL,
    /** The first {@value #FIRST} messages of each stream, then one in {@value #EVERY}. */
    SAMPLE;

    /** How many messages of each stream {@link #SAMPLE} validates before it thins out. */
    public static final int FIRST = 4;
    /** After the first ones, {@link #SAMPLE} validates one message in this many. */
    public static final int EVERY = 16;

    /** Whether the {@code n}-th message of a stream (counted from 0) is validated. */
    public boolean checks(long n) {
        return this == ALL || n < FIRST || n % EVERY == 0;
    }
}
