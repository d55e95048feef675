package io.bodycam.sim.gps;

/**
 * Geometry on a spherical Earth of radius 6,371 km: distance, bearing and destination point. Enough for
 * patrols of a few kilometres; the GPS receiver walks its routes with it and the bench uses
 * {@link #distance} to find the cameras near a point.
 */
public final class GreatCircle {

    private static final double EARTH_RADIUS = 6_371_000.0;

    private GreatCircle() {
    }

    /** Great-circle distance in metres between two points, by the haversine formula. */
    public static double distance(double lat1, double lon1, double lat2, double lon2) {
        double p1 = Math.toRadians(lat1);
        double p2 = Math.toRadians(lat2);
        double dp = p2 - p1;
        double dl = Math.toRadians(lon2 - lon1);
        double a = Math.sin(dp / 2) * Math.sin(dp / 2) + Math.cos(p1) * Math.cos(p2) * Math.sin(dl / 2) * Math.sin(dl / 2);
        return 2 * EARTH_RADIUS * Math.atan2(Math.sqrt(a), Math.sqrt(1 - a));
    }

    /** Initial bearing in degrees (0 north, clockwise, [0, 360)) from the first point towards the second. */
    static double bearing(double lat1, double lon1, double lat2, double lon2) {
        double p1 = Math.toRadians(lat1);
        double p2 = Math.toRadians(lat2);
        double dl = Math.toRadians(lon2 - lon1);
        double y = Math.sin(dl) * Math.cos(p2);
        double x = Math.cos(p1) * Math.sin(p2) - Math.sin(p1) * Math.cos(p2) * Math.cos(dl);
        return (Math.toDegrees(Math.atan2(y, x)) + 360) % 360;
    }

    /** The point {@code metres} from ({@code lat}, {@code lon}) along {@code bearingDeg}, as {lat, lon}. */
    static double[] move(double lat, double lon, double bearingDeg, double metres) {
        double d = metres / EARTH_RADIUS;
        double b = Math.toRadians(bearingDeg);
        double p1 = Math.toRadians(lat);
        double l1 = Math.toRadians(lon);
        double p2 = Math.asin(Math.sin(p1) * Math.cos(d) + Math.cos(p1) * Math.sin(d) * Math.cos(b));
        double l2 = l1 + Math.atan2(Math.sin(b) * Math.sin(d) * Math.cos(p1), Math.cos(d) - Math.sin(p1) * Math.sin(p2));
        return new double[] {Math.toDegrees(p2), Math.toDegrees(l2)};
    }
}
