package io.bodycam.bench.faults;

/**
 * What a {@link FaultProxy} has done so far.
 *
 * @param accepted        connections accepted from clients
 * @param refused         connections reset at once by a {@link ToxicKind.Down} toxic
 * @param upstreamFailed  connections closed because the upstream could not be reached
 * @param reset           connections reset by a {@link ToxicKind.ResetPeer} toxic
 * @param closedByToxic   connections closed by a {@link ToxicKind.Timeout} or {@link ToxicKind.LimitData} toxic
 * @param bytesUpstream   bytes written towards the upstream
 * @param bytesDownstream bytes written towards the clients
 * @param open            connections open now
 */
public record ProxyStats(long accepted, long refused, long upstreamFailed, long reset, long closedByToxic,
                         long bytesUpstream, long bytesDownstream, int open) {
}
