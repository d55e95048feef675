package io.bodycam.sim.camera;

import io.bodycam.sim.link.EvidenceLink;
import io.bodycam.sim.link.TelemetryHandler;
import io.bodycam.sim.link.TelemetryLink;
import io.bodycam.sim.link.UploadSlots;
import io.bodycam.sim.time.Scheduler;

/**
 * Where a camera's firmware meets the world, for writing down what comes in (docs/reproduce.md#replaying-a-real-run).
 * The camera hands each of its seams through here once, when it is built: its scheduler, its links and the dock
 * site's upload slots; and it wraps each thing the officer or the bench does to it with {@link #input}. What comes
 * back behaves as before, except that each input runs as a <em>step</em> of its own on the camera's thread, with
 * the virtual time frozen at the step's start, so the firmware's decisions depend only on the steps and their
 * times, and an {@code io.bodycam.sim.replay.InputRecorder} can write them down for its {@code CameraPlayer}.
 *
 * <p>{@link #NONE} changes nothing: a camera of a simulated run, a test or a console.
 */
public interface InputJournal {

    /** Writes nothing down and hands every seam back as it was. */
    InputJournal NONE = new InputJournal() {
        @Override
        public Scheduler scheduler(Scheduler camera) {
            return camera;
        }

        @Override
        public TelemetryHandler handler(TelemetryHandler firmware) {
            return firmware;
        }

        @Override
        public TelemetryLink telemetry(TelemetryLink link) {
            return link;
        }

        @Override
        public EvidenceLink evidence(EvidenceLink link) {
            return link;
        }

        @Override
        public UploadSlots slots(UploadSlots slots) {
            return slots;
        }

        @Override
        public Runnable input(String name, Runnable task, Object... args) {
            return task;
        }

        @Override
        public void built() {
        }
    };

    /** The scheduler the firmware is to use, around the camera's own. */
    Scheduler scheduler(Scheduler camera);

    /** The handler the telemetry link is to call, around the firmware's. */
    TelemetryHandler handler(TelemetryHandler firmware);

    /** The telemetry link the firmware is to use, around the one built for it. */
    TelemetryLink telemetry(TelemetryLink link);

    /** The evidence link the firmware is to use, around the one built for it. */
    EvidenceLink evidence(EvidenceLink link);

    /** The dock site's upload slots as the firmware is to ask them. */
    UploadSlots slots(UploadSlots slots);

    /**
     * {@code task}, run as the input {@code name} with {@code args} (each written with {@code toString()}) when
     * nothing of the firmware's own is running; inside a step of its own (the firmware calling its own public
     * method) it is part of that step.
     */
    Runnable input(String name, Runnable task, Object... args);

    /** The camera is built: the step its construction was (which read the clock) is over. */
    void built();
}
