package io.bodycam.bench.observer;

/**
 * A camera's latest {@code gps} message (contract, "gps"). Without a fix {@code fix} is
 * {@code "none"}, the position is the last known one and {@code hdop} is 99.
 *
 * @param ts the device's own clock when it took the fix (epoch ms, virtual time)
 */
public record GpsReport(long seq, long ts, String fix, double lat, double lon, double alt, double speed,
        double heading, double hdop, int satellites) {

    public boolean hasFix() {
        return !"none".equals(fix);
    }
}
