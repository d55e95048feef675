package io.bodycam.backend.http;

/**
 * The evidence backend's totals for a run. {@code completed} counts uploads whose last byte arrived;
 * each of them is counted once more as {@code verified}, {@code corrupt} or {@code duplicatesRejected}.
 */
public record LedgerCounters(long uploadsCreated, long uploadsTerminated, long bytesReceived, long chunksCommitted,
                             long checksumFailures, long completed, long verified, long corrupt,
                             long duplicatesRejected, long answered4xx, long answered5xx) {
}
