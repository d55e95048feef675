package io.bodycam.bench.scenario;

import java.time.Duration;

/**
 * What officers do on patrol, per camera: incidents arrive as a Poisson process, each recorded for a
 * lognormal duration (DOMAIN.md section 5: ~5 recordings per 10-h shift, median 10 min, p95 60 min
 * [S58, GUESS]); a share of them is flagged and uploads first [S27].
 */
public record Behaviour(double incidentsPerHour, Duration recordingMedian, Duration recordingP95, double flaggedShare) {

    public static final Behaviour DEFAULT = new Behaviour(0.5, Duration.ofMinutes(10), Duration.ofMinutes(60), 0.1);

    public Behaviour {
        if (!(incidentsPerHour >= 0 && incidentsPerHour <= 60)) {
            throw new IllegalArgumentException("incidents per hour must be 0..60, was " + incidentsPerHour);
        }
        if (recordingMedian.isNegative() || recordingMedian.isZero()) {
            throw new IllegalArgumentException("recording median must be > 0, was " + recordingMedian);
        }
        if (recordingP95.compareTo(recordingMedian) < 0) {
            throw new IllegalArgumentException("recording p95 (" + recordingP95 + ") must be >= its median (" + recordingMedian + ")");
        }
        if (!(flaggedShare >= 0 && flaggedShare <= 1)) {
            throw new IllegalArgumentException("flagged share must be 0..1, was " + flaggedShare);
        }
    }

    /** Lognormal sigma from median and p95: p95 = median * exp(1.645 sigma). */
    public double sigma() {
        return Math.log((double) recordingP95.toMillis() / recordingMedian.toMillis()) / 1.6448536;
    }
}
