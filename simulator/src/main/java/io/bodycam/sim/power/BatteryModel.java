package io.bodycam.sim.power;

/**
 * Drain and charge rates, in percent of a full charge per hour.
 *
 * <p>Defaults: about 12 h of mixed use per charge [S12]; read as 10 h buffering plus 2 h recording
 * (2 h recorded per shift is a typical figure [S55]; docs/domain.md#battery) this gives 7.5 %/h
 * buffering and 12.5 %/h recording. Sleep 2 %/h is a guess. A full recharge takes up to 9 h on a dock
 * [S12], so 11.1 %/h. Low battery at 10 % [S12]; critical below "10 minutes left" [S32], about 2 % at
 * the recording rate, rounded up to 3 %.
 */
public record BatteryModel(double idlePerHour, double recordingPerHour, double sleepPerHour,
                           double chargePerHour, double lowPercent, double criticalPercent) {

    public static final BatteryModel DEFAULT = new BatteryModel(7.5, 12.5, 2.0, 100.0 / 9, 10, 3);

    public BatteryModel {
        check("idle drain", idlePerHour, 0, 100);
        check("recording drain", recordingPerHour, 0, 100);
        check("sleep drain", sleepPerHour, 0, 100);
        check("charge rate", chargePerHour, 0, 1000);
        check("low-battery level", lowPercent, 0, 100);
        check("critical-battery level", criticalPercent, 0, lowPercent);
    }

    private static void check(String what, double v, double min, double max) {
        if (!(v >= min && v <= max)) {
            throw new IllegalArgumentException(what + " must be " + min + ".." + max + " %/h, was " + v);
        }
    }

    /** Signed rate in %/h for a draw: negative drains, positive charges. */
    double ratePerHour(PowerDraw draw) {
        return switch (draw) {
            case NONE -> 0;
            case SLEEP -> -sleepPerHour;
            case IDLE -> -idlePerHour;
            case RECORDING -> -recordingPerHour;
            case CHARGING -> chargePerHour;
        };
    }
}
