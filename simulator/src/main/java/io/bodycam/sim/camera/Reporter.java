package io.bodycam.sim.camera;

import com.fasterxml.jackson.databind.node.ObjectNode;
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
        ObjectNode n = payloads.message(Topic.STATE, camera.deviceTime());
        n.put("mode", camera.mode().name());
        n.put("dockPhase", camera.dockPhase() == null ? null : camera.dockPhase().name());
        var f = n.putArray("flags");
        camera.flags().forEach(x -> f.add(x.name()));
        ObjectNode b = n.putObject("battery");
        b.put("pct", Math.round(camera.battery().percent() * 10) / 10.0);
        b.put("charging", camera.battery().charging());
        ObjectNode s = n.putObject("storage");
        s.put("capacityBytes", camera.storage().capacity());
        s.put("usedBytes", camera.storage().used());
        s.put("freeBytes", camera.storage().free());
        ObjectNode q = n.putObject("uploadQueue");
        q.put("segments", camera.storage().queuedSegments());
        q.put("bytes", camera.storage().queuedBytes());
        camera.recorder().describe(n);
        n.put("firmware", camera.config().firmware());
        n.put("clockOffsetMs", camera.clockOffset());
        n.put("officer", camera.config().officer());
        link.publish(Topic.STATE, Payloads.bytes(n));
    }

    void gps(GpsFix f) {
        ObjectNode n = payloads.message(Topic.GPS, camera.deviceTime());
        n.put("fix", f.fix() ? "3d" : "none");
        n.put("lat", f.lat());
        n.put("lon", f.lon());
        n.put("alt", Math.round(f.alt() * 10) / 10.0);
        n.put("speed", Math.round(f.speed() * 10) / 10.0);
        n.put("heading", Math.round(f.heading()));
        n.put("hdop", Math.round(f.hdop() * 10) / 10.0);
        n.put("satellites", f.satellites());
        link.publish(Topic.GPS, Payloads.bytes(n));
    }

    void event(String type, Map<String, Object> fields) {
        ObjectNode n = payloads.message(Topic.EVENTS, camera.deviceTime());
        n.put("type", type);
        fields.forEach((k, v) -> n.set(k, Payloads.JSON.valueToTree(v)));
        link.publish(Topic.EVENTS, Payloads.bytes(n));
    }

    void ack(CommandHandler.Ack ack) {
        ObjectNode n = payloads.message(Topic.CMD_ACK, camera.deviceTime());
        n.put("id", ack.id());
        n.put("ok", ack.ok());
        n.put("error", ack.error());
        link.publish(Topic.CMD_ACK, Payloads.bytes(n));
    }

    private byte[] status(String status, String reason, long seq) {
        ObjectNode n = payloads.message(Topic.STATUS, camera.deviceTime(), seq);
        n.put("status", status);
        n.put("firmware", camera.config().firmware());
        if (reason != null) {
            n.put("reason", reason);
        }
        return Payloads.bytes(n);
    }
}
