package io.bodycam.sim.camera;

import io.bodycam.sim.gps.GpsFix;
import io.bodycam.sim.link.TelemetryLink;
import io.bodycam.sim.link.Topic;

import java.util.Map;

/**
 * Writes what a camera tells its backend, in the shapes of the device contract (docs/contract): the
 * {@code status} presence with its Last Will, {@code state}, {@code gps}, {@code events} and
 * {@code cmd/ack}. It reads the firmware's state, never changes it.
 */
final class Reporter {

    private final Camera camera;
    private final TelemetryLink link;
    private final Payloads payloads;
    /** Status seq numbers for the next session: {@code online} gets it, the Last Will the one after. */
    private long statusSeqReserved = -1;
    /** The Will's seq of the current session: a clean {@code offline} reuses it, as the Will then never fires. */
    private long willSeq = -1;

    Reporter(Camera camera, TelemetryLink link) {
        this.camera = camera;
        this.link = link;
        this.payloads = new Payloads(camera.deviceId());
    }

    /**
     * The {@code offline} Will for the next CONNECT. Its seq is reserved together with the
     * {@code online} that follows the CONNACK (online n, Will n+1), so the backend sees no gap whether
     * the Will fires or the camera says {@code offline} itself; a failed attempt keeps the reservation.
     */
    byte[] will() {
        if (statusSeqReserved < 0) {
            statusSeqReserved = payloads.reserve(Topic.STATUS, 2);
        }
        return status("offline", "connection lost", statusSeqReserved + 1);
    }

    /** Says {@code online} after a CONNACK. */
    void online() {
        long online = statusSeqReserved >= 0 ? statusSeqReserved : payloads.reserve(Topic.STATUS, 2);
        statusSeqReserved = -1;
        willSeq = online + 1;
        link.publish(Topic.STATUS, status("online", null, online));
    }

    /** The connection died: the broker has (most likely) published the Will. */
    void willSpent() {
        willSeq = -1;
    }

    /** Says {@code offline} before a clean disconnect, with the seq the Will would have had. */
    void offline(String reason) {
        if (willSeq >= 0) {
            link.publish(Topic.STATUS, status("offline", reason, willSeq));
            willSeq = -1;
        }
    }

    void state() {
        var dock = camera.dockPhase();
        var battery = camera.battery();
        var storage = camera.storage();
        link.publish(Topic.STATE, payloads.message(Topic.STATE, camera.deviceTime(), g -> {
            g.writeStringField("mode", camera.mode().name());
            g.writeStringField("dockPhase", dock == null ? null : dock.name());
            g.writeArrayFieldStart("flags");
            for (Flag f : camera.flags()) {
                g.writeString(f.name());
            }
            g.writeEndArray();
            g.writeObjectFieldStart("battery");
            g.writeNumberField("pct", Payloads.tenths(battery.percent()));
            g.writeBooleanField("charging", battery.charging());
            g.writeEndObject();
            g.writeObjectFieldStart("storage");
            g.writeNumberField("capacityBytes", storage.capacity());
            g.writeNumberField("usedBytes", storage.used());
            g.writeNumberField("freeBytes", storage.free());
            g.writeEndObject();
            g.writeObjectFieldStart("uploadQueue");
            g.writeNumberField("segments", storage.queuedSegments());
            g.writeNumberField("bytes", storage.queuedBytes());
            g.writeEndObject();
            camera.recorder().describe(g);
            g.writeStringField("firmware", camera.firmware().running());
            g.writeNumberField("clockOffsetMs", camera.clockOffset());
            g.writeStringField("officer", camera.config().officer());
        }));
    }

    void gps(GpsFix f) {
        link.publish(Topic.GPS, payloads.message(Topic.GPS, camera.deviceTime(), g -> {
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

    void event(String type, Map<String, Object> fields) {
        link.publish(Topic.EVENTS, payloads.message(Topic.EVENTS, camera.deviceTime(), g -> {
            g.writeStringField("type", type);
            for (Map.Entry<String, Object> e : fields.entrySet()) {
                g.writeFieldName(e.getKey());
                Payloads.JSON.writeValue(g, e.getValue());
            }
        }));
    }

    void ack(CommandHandler.Ack ack) {
        link.publish(Topic.CMD_ACK, payloads.message(Topic.CMD_ACK, camera.deviceTime(), g -> {
            g.writeStringField("id", ack.id());
            g.writeBooleanField("ok", ack.ok());
            g.writeStringField("error", ack.error());
        }));
    }

    private byte[] status(String status, String reason, long seq) {
        return payloads.message(camera.deviceTime(), seq, g -> {
            g.writeStringField("status", status);
            g.writeStringField("firmware", camera.firmware().running());
            if (reason != null) {
                g.writeStringField("reason", reason);
            }
        });
    }
}
