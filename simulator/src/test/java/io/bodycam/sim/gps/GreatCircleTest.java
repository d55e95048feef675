package io.bodycam.sim.gps;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class GreatCircleTest {

    private static final double LAT = 39.0911;
    private static final double LON = -94.4155;

    @Test
    void one_degree_of_latitude_is_about_111_km() {
        assertEquals(111_195, GreatCircle.distance(LAT, LON, LAT + 1, LON), 1.0);
    }

    @Test
    void distance_is_symmetric_and_zero_for_the_same_point() {
        assertEquals(0.0, GreatCircle.distance(LAT, LON, LAT, LON), 1e-9);
        assertEquals(GreatCircle.distance(LAT, LON, 38.9, -94.1), GreatCircle.distance(38.9, -94.1, LAT, LON), 1e-6);
    }

    @Test
    void moving_along_a_bearing_lands_that_far_away_in_that_direction() {
        double[] p = GreatCircle.move(LAT, LON, 60, 2_500);
        assertEquals(2_500, GreatCircle.distance(LAT, LON, p[0], p[1]), 0.01);
        assertEquals(60, GreatCircle.bearing(LAT, LON, p[0], p[1]), 0.01);
    }

    @Test
    void bearing_points_north_east_south_and_west() {
        assertEquals(0, GreatCircle.bearing(LAT, LON, LAT + 0.01, LON), 1e-6);
        assertEquals(90, GreatCircle.bearing(LAT, LON, LAT, LON + 0.01), 0.01);
        assertEquals(180, GreatCircle.bearing(LAT, LON, LAT - 0.01, LON), 1e-6);
        assertEquals(270, GreatCircle.bearing(LAT, LON, LAT, LON - 0.01), 0.01);
    }
}
