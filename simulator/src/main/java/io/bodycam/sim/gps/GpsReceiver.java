package io.bodycam.sim.gps;

import java.util.SplittableRandom;

/**
 * A camera's GPS receiver following a seeded patrol route around a centre. It fixes once a virtual
 * second (docs/domain.md#gps) whether or not anyone reads it, so the route depends only
 * on the seed, never on when or how often the camera publishes.
 *
 * <p>Route: the officer heads for a random waypoint within the patrol radius, at a speed drawn for
 * each leg, sometimes stopping; on arrival a new waypoint is drawn. Fix loss comes in episodes
 * (buildings, underpasses) with a seeded rate and length; during one the receiver reports no fix.
 */
public final class GpsReceiver {

    private final double centreLat;
    private final double centreLon;
    private final PatrolStyle style;
    private final double lossesPerHour;
    private final SplittableRandom random;

    private long stepTime;
    private double lat;
    private double lon;
    private double alt;
    private double speed;
    private double heading;
    private double targetLat;
    private double targetLon;
    private double legSpeed;
    private long stoppedUntil;
    private long lossUntil;
    private long jamFrom;
    private long jamUntil;
    private double hdop;
    private int satellites;
    private GpsFix last;
    /** The last steps' fixes, oldest first from {@code historyNext}; null unless {@link #keepHistory} was called. */
    private GpsFix[] history;
    private int historyNext;

    /**
     * @param lossesPerHour mean number of fix-loss episodes per hour (Poisson); 0 for none
     */
    public GpsReceiver(double centreLat, double centreLon, PatrolStyle style, double lossesPerHour,
                       long seed, long startTime) {
        this.centreLat = centreLat;
        this.centreLon = centreLon;
        this.style = style;
        this.lossesPerHour = lossesPerHour;
        this.random = new SplittableRandom(seed);
        double[] start = randomPointInRadius();
        this.lat = start[0];
        this.lon = start[1];
        this.alt = 280 + random.nextDouble(25);
        this.stepTime = startTime;
        this.hdop = 0.9;
        this.satellites = 8;
        newLeg(startTime);
        this.last = currentFix();
    }

    /** The fix at {@code now}: the receiver steps its 1 Hz loop up to that time first. */
    public GpsFix fixAt(long now) {
        while (stepTime + 1000 <= now) {
            stepTime += 1000;
            step();
            if (history != null) {
                history[historyNext] = currentFix();
                historyNext = (historyNext + 1) % history.length;
            }
        }
        last = currentFix();
        return last;
    }

    /**
     * No fix from {@code from} until {@code until} (virtual ms), whatever the route: a GPS outage
     * injected by a scenario. The route and its random draws go on as if nothing happened, so the
     * camera is where it would have been when the fix comes back.
     */
    public void jam(long from, long until) {
        jamFrom = from;
        jamUntil = until;
    }

    /**
     * Keeps the fixes of the last {@code seconds} steps, for the GPS track of an mp4 segment (off by
     * default: synthetic fleets pay nothing for it). The route does not change.
     */
    public void keepHistory(int seconds) {
        if (seconds < 1 || seconds > 86_400) {
            throw new IllegalArgumentException("GPS history must be 1..86400 s, was " + seconds);
        }
        history = new GpsFix[seconds];
        historyNext = 0;
    }

    /**
     * The kept fixes with a time in {@code [from, to)}, oldest first; step the receiver up to {@code to}
     * first ({@link #fixAt}). Fixes older than the history's length are gone.
     */
    public java.util.List<GpsFix> history(long from, long to) {
        java.util.List<GpsFix> list = new java.util.ArrayList<>();
        if (history == null) {
            return list;
        }
        for (int i = 0; i < history.length; i++) {
            GpsFix f = history[(historyNext + i) % history.length];
            if (f != null && f.time() >= from && f.time() < to) {
                list.add(f);
            }
        }
        return list;
    }

    /** The fix of the last step taken, without stepping. */
    public GpsFix lastFix() {
        return last;
    }

    private void step() {
        maybeLoseFix();
        boolean fix = stepTime >= lossUntil;
        hdop = fix ? 0.7 + random.nextDouble(0.9) : 99.0;
        satellites = fix ? 6 + random.nextInt(7) : random.nextInt(3);
        if (fix && jammed(stepTime)) {
            hdop = 99.0;
            satellites = 0;
        }
        if (stepTime < stoppedUntil) {
            speed = 0;
            return;
        }
        double dist = GreatCircle.distance(lat, lon, targetLat, targetLon);
        if (dist <= legSpeed) {
            lat = targetLat;
            lon = targetLon;
            newLeg(stepTime);
            return;
        }
        heading = GreatCircle.bearing(lat, lon, targetLat, targetLon);
        speed = Math.max(0, legSpeed * (0.9 + random.nextDouble(0.2)));
        double[] moved = GreatCircle.move(lat, lon, heading, speed);
        lat = moved[0];
        lon = moved[1];
        alt += random.nextDouble(-0.3, 0.3);
    }

    private void maybeLoseFix() {
        if (stepTime < lossUntil || lossesPerHour <= 0) {
            return;
        }
        if (random.nextDouble() < lossesPerHour / 3600.0) {
            lossUntil = stepTime + 1000L * (10 + random.nextInt(110));
        }
    }

    private void newLeg(long now) {
        double[] target = randomPointInRadius();
        targetLat = target[0];
        targetLon = target[1];
        legSpeed = style.minSpeed + random.nextDouble() * (style.maxSpeed - style.minSpeed);
        if (random.nextDouble() < style.stopChance) {
            stoppedUntil = now + 1000L * (30 + random.nextInt(600));
        }
    }

    /** Whether the jam covers any of the 1 s step starting at {@code t}. */
    private boolean jammed(long t) {
        return t + 1000 > jamFrom && t < jamUntil;
    }

    private GpsFix currentFix() {
        boolean fix = stepTime >= lossUntil && !jammed(stepTime);
        return new GpsFix(stepTime, lat, lon, alt, fix ? speed : 0, heading, hdop, satellites, fix);
    }

    private double[] randomPointInRadius() {
        double r = style.radiusMetres * Math.sqrt(random.nextDouble());
        double bearing = random.nextDouble(360);
        return GreatCircle.move(centreLat, centreLon, bearing, r);
    }
}
