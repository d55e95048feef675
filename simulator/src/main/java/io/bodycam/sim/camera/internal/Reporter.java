package io.bodycam.sim.camera.internal;

import io.bodycam.sim.state.Flag;
import io.bodycam.sim.state.StopReason;
import io.bodycam.sim.event.CameraEvent;
import io.bodycam.sim.gps.GpsFix;
import io.bodycam.sim.link.TelemetryLink;
import io.bodycam.sim.link.Topic;

import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Writes what a camera tells its backend, in the shapes of the device contract (docs/contract): the
 * {@code status} presence with its Last Will, {@code state}, {@code gps}, {@code events} and
 * {@code cmd/ack}. It is handed what it reports, and changes nothing.
 */
public final class Reporter {

    private final TelemetryLink link;
    private final LongSupplier deviceTime;
    private final Supplier<String> firmware;
    private final Payloads payloads;
    /** Status seq numbers for the next session: {@code online} gets it, the Last Will the one after. */
    private long statusSeqReserved = -1;
    /** The Will's seq of the current session: a clean {@code offline} reuses it, as the Will then never fires. */
    private long willSeq = -1;

    /**
     * @param deviceTime the camera's own clock, which every message carries as {@code ts}
     * @param firmware   the firmware version running, which {@code status} messages carry
     */
    public Reporter(String deviceId, TelemetryLink link, LongSupplier deviceTime, Supplier<String> firmware) {
        this.link = link;
        this.deviceTime = deviceTime;
        this.firmware = firmware;
        this.payloads = new Payloads(deviceId);
    }

    /**
     * The {@code offline} Will for the next CONNECT. Its seq is reserved together with the
     * {@code online} that follows the CONNACK (online n, Will n+1), so the backend sees no gap whether
     * the Will fires or the camera says {@code offline} itself; a failed attempt keeps the reservation.
     */
    public byte[] will() {
        if (statusSeqReserved < 0) {
            statusSeqReserved = payloads.reserve(Topic.STATUS, 2);
        }
        return status("offline", "connection lost", statusSeqReserved + 1);
    }

    /** Says {@code online} after a CONNACK. */
    public void online() {
        long online = statusSeqReserved >= 0 ? statusSeqReserved : payloads.reserve(Topic.STATUS, 2);
        statusSeqReserved = -1;
        willSeq = online + 1;
        link.publish(Topic.STATUS, status("online", null, online));
    }

    /** The connection died: the broker has (most likely) published the Will. */
    public void willSpent() {
        willSeq = -1;
    }

    /** Says {@code offline} before a clean disconnect, with the seq the Will would have had. */
    public void offline(StopReason reason) {
        if (willSeq >= 0) {
            link.publish(Topic.STATUS, status("offline", reason.wireName(), willSeq));
            willSeq = -1;
        }
    }

    public void state(StateReport r) {
        link.publish(Topic.STATE, payloads.message(Topic.STATE, deviceTime.getAsLong(), g -> {
            g.writeStringField("mode", r.mode().name());
            g.writeStringField("dockPhase", r.dockPhase() == null ? null : r.dockPhase().name());
            g.writeArrayFieldStart("flags");
            for (Flag f : r.flags()) {
                g.writeString(f.name());
            }
            g.writeEndArray();
            g.writeObjectFieldStart("battery");
            g.writeNumberField("pct", Payloads.tenths(r.batteryPercent()));
            g.writeBooleanField("charging", r.charging());
            g.writeEndObject();
            g.writeObjectFieldStart("storage");
            g.writeNumberField("capacityBytes", r.capacityBytes());
            g.writeNumberField("usedBytes", r.usedBytes());
            g.writeNumberField("freeBytes", r.freeBytes());
            g.writeEndObject();
            g.writeObjectFieldStart("uploadQueue");
            g.writeNumberField("segments", r.queuedSegments());
            g.writeNumberField("bytes", r.queuedBytes());
            g.writeEndObject();
            if (r.recordingId() == null) {
                g.writeNullField("recording");
            } else {
                g.writeObjectFieldStart("recording");
                g.writeStringField("id", r.recordingId());
                g.writeNumberField("since", r.recordingSince());
                g.writeEndObject();
            }
            g.writeStringField("firmware", r.firmware());
            g.writeNumberField("clockOffsetMs", r.clockOffsetMs());
            g.writeStringField("officer", r.officer());
        }));
    }

    public void gps(GpsFix f) {
        link.publish(Topic.GPS, payloads.message(Topic.GPS, deviceTime.getAsLong(), g -> {
            g.writeStringField("fix", f.fix() ? "3d" : "none");
            g.writeNumberField("lat", f.lat());
            g.writeNumberField("lon", f.lon());
            g.writeNumberField("alt", Payloads.tenths(f.alt()));
            g.writeNumberField("speed", Payloads.tenths(f.speed()));
            g.writeNumberField("heading", Math.round(f.heading()));
            g.writeNumberField("hdop", Payloads.tenths(f.hdop()));
            g.writeNumberField("satellites", f.satellites());
        }));
    }

    public void event(CameraEvent e) {
        link.publish(Topic.EVENTS, payloads.message(Topic.EVENTS, deviceTime.getAsLong(), e::writeJson));
    }

    public void ack(CommandHandler.Ack ack) {
        link.publish(Topic.CMD_ACK, payloads.message(Topic.CMD_ACK, deviceTime.getAsLong(), g -> {
            g.writeStringField("id", ack.id());
            g.writeBooleanField("ok", ack.ok());
            g.writeStringField("error", ack.error());
        }));
    }

    private byte[] status(String status, String reason, long seq) {
        return payloads.message(deviceTime.getAsLong(), seq, g -> {
            g.writeStringField("status", status);
            g.writeStringField("firmware", firmware.get());
            if (reason != null) {
                g.writeStringField("reason", reason);
            }
        });
    }
}
