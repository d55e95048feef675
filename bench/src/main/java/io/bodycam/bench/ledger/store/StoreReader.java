package io.bodycam.bench.ledger.store;

import java.io.IOException;
import java.util.List;

/**
 * Reads a foreign store after a run, at judging time and off any event loop: every stored copy of each
 * recorded segment hashed by the bench, and, where the store can be listed, what else it holds. One
 * implementation per kind of store ({@link S3StoreReader}, {@link SwiftStoreReader}, {@link PutStoreReader}).
 */
public interface StoreReader {

    /** How figures read by this reader are proved, in words for the run's summary. */
    String method();

    /**
     * Reads the store for {@code segments}, telling {@code progress} as objects are read.
     *
     * @throws IOException when the store cannot be read (refused, unreachable, an answer that is not one)
     */
    StoreReadBack read(List<RecordedSegment> segments, ReadProgress progress) throws IOException, InterruptedException;
}
