package io.bodycam.sim.power;

/**
 * A camera battery integrated over virtual time: the charge changes at the rate of the current
 * {@link PowerDraw} between updates. The firmware calls {@link #update} whenever its draw changes and
 * on its housekeeping tick, then reads the level and the thresholds.
 */
public final class Battery {

    private final BatteryModel model;
    private double percent;
    private PowerDraw draw = PowerDraw.NONE;
    private long updatedAt;

    public Battery(BatteryModel model, double startPercent, long now) {
        if (!(startPercent >= 0 && startPercent <= 100)) {
            throw new IllegalArgumentException("battery level must be 0..100 %, was " + startPercent);
        }
        this.model = model;
        this.percent = startPercent;
        this.updatedAt = now;
    }

    /** Brings the level up to {@code now} at the old draw, then switches to {@code newDraw}. */
    public void update(long now, PowerDraw newDraw) {
        update(now);
        draw = newDraw;
    }

    /** Brings the level up to {@code now} at the current draw. */
    public void update(long now) {
        long dt = now - updatedAt;
        if (dt > 0) {
            percent = Math.max(0, Math.min(100, percent + model.ratePerHour(draw) * dt / 3_600_000.0));
            updatedAt = now;
        }
    }

    /** Sets the charge to {@code level} at {@code now} (an old pack, a scenario's battery fault); the draw stays. */
    public void set(double level, long now) {
        if (!(level >= 0 && level <= 100)) {
            throw new IllegalArgumentException("battery level must be 0..100 %, was " + level);
        }
        update(now);
        percent = level;
        updatedAt = now;
    }

    /** Virtual milliseconds until the battery is empty at the current draw; MAX_VALUE if not draining. */
    public long millisToEmpty() {
        double rate = model.ratePerHour(draw);
        return rate >= 0 ? Long.MAX_VALUE : (long) Math.ceil(percent / -rate * 3_600_000.0);
    }

    public double percent() {
        return percent;
    }

    public boolean charging() {
        return draw == PowerDraw.CHARGING;
    }

    public boolean low() {
        return percent < model.lowPercent();
    }

    public boolean critical() {
        return percent < model.criticalPercent();
    }

    public boolean empty() {
        return percent <= 0;
    }
}
