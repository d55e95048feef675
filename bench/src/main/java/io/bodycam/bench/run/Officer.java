package io.bodycam.bench.run;

import io.bodycam.bench.scenario.Behaviour;
import io.bodycam.sim.camera.Camera;
import io.bodycam.sim.camera.Trigger;
import io.bodycam.sim.time.Timer;

import java.util.SplittableRandom;

/**
 * The officer wearing one camera: while on duty, incidents arrive as a Poisson process and each is
 * recorded for a lognormal duration (the scenario's {@link Behaviour}). All randomness comes from the
 * camera's own seeded generator, so a seed replays the same incidents (DESIGN.md principle 3). Runs on
 * the camera's thread.
 */
final class Officer {

    private static final Trigger[] TRIGGERS = {Trigger.BUTTON, Trigger.BUTTON, Trigger.HOLSTER, Trigger.LIGHTBAR};

    private final Camera camera;
    private final Behaviour behaviour;
    private final SplittableRandom random;
    private Timer next = Timer.NONE;
    private boolean onDuty;

    Officer(Camera camera, Behaviour behaviour, long seed) {
        this.camera = camera;
        this.behaviour = behaviour;
        this.random = new SplittableRandom(seed);
    }

    /** Starts waiting for incidents. */
    void onDuty() {
        camera.scheduler().run(() -> {
            if (!onDuty) {
                onDuty = true;
                scheduleNext();
            }
        });
    }

    /** No more incidents (docked, shift over); a recording in progress is left to whoever ends it. */
    void offDuty() {
        camera.scheduler().run(() -> {
            onDuty = false;
            next.cancel();
        });
    }

    private void scheduleNext() {
        if (behaviour.incidentsPerHour() <= 0) {
            return;
        }
        double hours = -Math.log(1 - random.nextDouble()) / behaviour.incidentsPerHour();
        next = camera.scheduler().schedule((long) (hours * 3_600_000), this::incident);
    }

    private void incident() {
        if (!onDuty) {
            return;
        }
        Trigger trigger = TRIGGERS[random.nextInt(TRIGGERS.length)];
        boolean flagged = random.nextDouble() < behaviour.flaggedShare();
        double lognormal = Math.exp(Math.log(behaviour.recordingMedian().toMillis()) + behaviour.sigma() * random.nextGaussian());
        long length = Math.max(5_000, (long) lognormal);
        camera.trigger(trigger, flagged ? "flagged" : "uncategorized", flagged);
        next = camera.scheduler().schedule(length, () -> {
            camera.stopRecording();
            scheduleNext();
        });
    }
}
