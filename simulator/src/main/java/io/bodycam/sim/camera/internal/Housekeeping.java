package io.bodycam.sim.camera.internal;

import io.bodycam.sim.state.Flag;
import io.bodycam.sim.event.BatteryCritical;
import io.bodycam.sim.event.BatteryLow;
import io.bodycam.sim.power.Battery;
import io.bodycam.sim.storage.Storage;
import io.bodycam.sim.time.Scheduler;


/**
 * Brings battery, recorder progress, storage and clock flags up to date (every
 * {@link Routines#HOUSEKEEPING_MILLIS}, and at once after a battery fault); warns when the battery
 * runs low or critical [S12, S32], and lets the camera die when it is empty.
 */
public final class Housekeeping implements Runnable {

    private final Scheduler scheduler;
    private final Battery battery;
    private final Recorder recorder;
    private final Storage storage;
    private final DeviceClock clock;
    private final Flags flags;
    private final EventSink events;
    private final Runnable batteryEmpty;

    public Housekeeping(Scheduler scheduler, Battery battery, Recorder recorder, Storage storage, DeviceClock clock,
                        Flags flags, EventSink events, Runnable batteryEmpty) {
        this.scheduler = scheduler;
        this.battery = battery;
        this.recorder = recorder;
        this.storage = storage;
        this.clock = clock;
        this.flags = flags;
        this.events = events;
        this.batteryEmpty = batteryEmpty;
    }

    @Override
    public void run() {
        long now = scheduler.now();
        battery.update(now);
        recorder.progress();
        flags.storage(storage);
        flags.set(Flag.CLOCK_UNSYNCED, clock.unsynced(now));
        boolean wasLow = flags.has(Flag.LOW_BATTERY);
        boolean wasCritical = flags.has(Flag.CRITICAL_BATTERY);
        flags.set(Flag.LOW_BATTERY, battery.low());
        flags.set(Flag.CRITICAL_BATTERY, battery.critical());
        if (battery.low() && !wasLow) {
            events.emit(new BatteryLow(events.deviceId(), events.time(), Payloads.tenths(battery.percent())));
        }
        if (battery.critical() && !wasCritical) {
            events.emit(new BatteryCritical(events.deviceId(), events.time(), Payloads.tenths(battery.percent())));
        }
        if (battery.empty()) {
            batteryEmpty.run();
        }
    }
}
