package io.bodycam.sim.gps;

/**
 * One position report of a camera's GPS receiver. When {@code fix} is false the receiver has lost the
 * sky (indoors, a tunnel): the position is the last known one and {@code hdop} is 99.
 *
 * @param time       virtual epoch milliseconds of the fix
 * @param speed      metres per second over ground
 * @param heading    degrees clockwise from true north, 0..360
 */
public record GpsFix(long time, double lat, double lon, double alt, double speed, double heading,
                     double hdop, int satellites, boolean fix) {
}
