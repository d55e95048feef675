package io.bodycam.bench.fleet;

import io.bodycam.bench.scenario.Behaviour;
import io.bodycam.sim.camera.Camera;
import io.bodycam.sim.state.Trigger;
import io.bodycam.sim.time.Timer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The officer wearing one camera. While on duty, incidents arrive as a Poisson process and on the
 * behaviour's fixed schedule (relative to going on duty); each is recorded for a length drawn from the
 * behaviour's distribution, started by a weighted trigger and filed under a weighted category. Some
 * recordings the officer forgets to stop. All randomness comes from the camera's own seeded generator,
 * so a seed replays the same incidents (docs/design.md#determinism). Runs on the camera's thread.
 */
public final class Officer {

    private final Camera camera;
    private final Behaviour behaviour;
    private final SplittableRandom random;
    private final List<Timer> timers = new ArrayList<>();
    private Timer next = Timer.NONE;
    private boolean onDuty;

    public Officer(Camera camera, Behaviour behaviour, long seed) {
        this.camera = camera;
        this.behaviour = behaviour;
        this.random = new SplittableRandom(seed);
    }

    /** Starts waiting for incidents; the fixed schedule counts from now. */
    public void onDuty() {
        camera.scheduler().run(() -> {
            if (onDuty) {
                return;
            }
            onDuty = true;
            for (Behaviour.ScheduledIncident s : behaviour.schedule()) {
                timers.add(camera.scheduler().schedule(s.at().toMillis(), () -> incident(s.length().toMillis())));
            }
            scheduleNext();
        });
    }

    /** No more incidents (docked, shift over); a recording in progress is left to whoever ends it. */
    public void offDuty() {
        camera.scheduler().run(() -> {
            onDuty = false;
            next.cancel();
            timers.forEach(Timer::cancel);
            timers.clear();
        });
    }

    private void scheduleNext() {
        if (behaviour.incidentsPerHour() <= 0) {
            return;
        }
        double hours = -Math.log(1 - random.nextDouble()) / behaviour.incidentsPerHour();
        next = camera.scheduler().schedule((long) (hours * 3_600_000), () -> {
            long length = behaviour.duration().sampleMillis(random);
            incident(length);
            next = camera.scheduler().schedule(length, this::scheduleNext);
        });
    }

    private void incident(long length) {
        if (!onDuty) {
            return;
        }
        Trigger trigger = pick(behaviour.triggers());
        Behaviour.Category category = behaviour.categories().get(pickIndex(behaviour.categories().stream()
                .mapToDouble(Behaviour.Category::weight).toArray()));
        boolean forgets = random.nextDouble() < behaviour.forgetToStop();
        camera.trigger(trigger, category.name(), category.flagged());
        if (!forgets) {
            timers.add(camera.scheduler().schedule(length, camera::stopRecording));
        }
    }

    private Trigger pick(Map<Trigger, Double> weights) {
        List<Trigger> keys = new ArrayList<>(weights.keySet());
        keys.sort(null);
        return keys.get(pickIndex(keys.stream().mapToDouble(weights::get).toArray()));
    }

    private int pickIndex(double[] weights) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double x = random.nextDouble() * total;
        for (int i = 0; i < weights.length; i++) {
            x -= weights[i];
            if (x < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }
}
