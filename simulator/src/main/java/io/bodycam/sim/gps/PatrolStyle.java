package io.bodycam.sim.gps;

/**
 * How an officer moves on patrol: the area covered and the speeds. Values are engineering guesses
 * ([GUESS], docs/domain.md#gps): a car patrols a few kilometres at urban speeds with stops, an officer
 * on foot walks a beat of a few hundred metres.
 */
public enum PatrolStyle {
    /** In a patrol car: 3 km around the centre, 6..15 m/s, often stopped. */
    VEHICLE(3_000, 6.0, 15.0, 0.25),
    /** On foot: 600 m around the centre, 1.0..1.8 m/s. */
    FOOT(600, 1.0, 1.8, 0.15),
    /** At a desk or a station: stays within 30 m. */
    DESK(30, 0.0, 0.5, 0.8);

    final double radiusMetres;
    final double minSpeed;
    final double maxSpeed;
    final double stopChance;

    PatrolStyle(double radiusMetres, double minSpeed, double maxSpeed, double stopChance) {
        this.radiusMetres = radiusMetres;
        this.minSpeed = minSpeed;
        this.maxSpeed = maxSpeed;
        this.stopChance = stopChance;
    }
}
