package io.bodycam.bench.live.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bodycam.bench.live.EventLine;
import io.bodycam.bench.live.ActionResult;
import io.bodycam.bench.live.CameraDetail;
import io.bodycam.bench.live.CameraState;
import io.bodycam.bench.live.FleetCounters;
import io.bodycam.bench.live.MarkerColour;
import io.bodycam.bench.live.ReplayControl;
import io.bodycam.bench.live.RosterEntry;
import io.bodycam.sim.camera.CameraSnapshot;
import io.bodycam.sim.state.DockPhase;
import io.bodycam.sim.state.Flag;
import io.bodycam.sim.state.Mode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The dashboard's JSON: the fleet description, counters, a camera's detail, action results, errors. */
public final class LiveJson {

    public static final ObjectMapper JSON = new ObjectMapper();

    private LiveJson() {
    }

    /**
     * What the page needs before the stream: the title, the enums' order (status codes refer to it),
     * the colours and the roster ({@code cameras}: {@code [deviceId, group number]} in fleet order).
     */
    public static ObjectNode fleet(String title, boolean replay, List<RosterEntry> roster, long batchMillis) {
        ObjectNode n = JSON.createObjectNode();
        n.put("title", title);
        n.put("replay", replay);
        n.put("batchMillis", batchMillis);
        n.put("degreesPerUnit", BatchEncoder.DEGREES_PER_UNIT);
        ArrayNode modes = n.putArray("modes");
        for (Mode m : Mode.values()) {
            modes.add(m.name());
        }
        ArrayNode phases = n.putArray("dockPhases");
        for (DockPhase p : DockPhase.values()) {
            phases.add(p.name());
        }
        ArrayNode colours = n.putArray("colours");
        for (MarkerColour c : MarkerColour.values()) {
            colours.addObject().put("name", c.name()).put("css", c.css()).put("label", c.label());
        }
        Map<String, Integer> groups = new LinkedHashMap<>();
        ArrayNode cameras = n.putArray("cameras");
        for (RosterEntry e : roster) {
            int g = groups.computeIfAbsent(e.group(), k -> groups.size());
            cameras.addArray().add(e.deviceId()).add(g);
        }
        ArrayNode names = n.putArray("groups");
        groups.keySet().forEach(names::add);
        return n;
    }

    public static ObjectNode counters(FleetCounters c) {
        ObjectNode n = JSON.createObjectNode();
        n.put("t", c.virtualTime());
        n.put("cameras", c.cameras());
        ObjectNode modes = n.putObject("modes");
        c.modes().forEach((m, count) -> modes.put(m.name(), count));
        n.put("online", c.online());
        n.put("recording", c.recording());
        n.put("uploading", c.uploading());
        n.put("mqttPerSecond", round(c.mqttPerSecond()));
        n.put("uploadBytesPerSecond", Math.round(c.uploadBytesPerSecond()));
        ObjectNode latency = n.putObject("latency");
        c.latency().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> latency.putObject(e.getKey())
                .put("p50", round(e.getValue().p50())).put("p90", round(e.getValue().p90()))
                .put("p99", round(e.getValue().p99())).put("max", round(e.getValue().max())));
        FleetCounters.Evidence ev = c.evidence();
        n.putObject("evidence").put("recorded", ev.recorded()).put("verified", ev.verified()).put("lost", ev.lost())
                .put("duplicated", ev.duplicated()).put("corrupt", ev.corrupt()).put("pending", ev.pending());
        ArrayNode assertions = n.putArray("assertions");
        for (FleetCounters.AssertionState a : c.assertions()) {
            ObjectNode o = assertions.addObject().put("expr", a.expr()).put("verdict", a.verdict().name()).put("unit", a.unit());
            if (a.actual() == null) {
                o.putNull("actual");
            } else {
                o.put("actual", round(a.actual()));
            }
        }
        ArrayNode faults = n.putArray("faults");
        for (FleetCounters.ActiveFault f : c.faults()) {
            faults.addObject().put("kind", f.kind()).put("target", f.target()).put("detail", f.detail()).put("since", f.since());
        }
        return n;
    }

    public static ObjectNode detail(CameraDetail d) {
        ObjectNode n = JSON.createObjectNode();
        n.put("deviceId", d.deviceId());
        n.put("group", d.group());
        n.set("state", state(d.state()));
        if (d.snapshot().isPresent()) {
            n.set("snapshot", snapshot(d.snapshot().get()));
        } else {
            n.putNull("snapshot");
        }
        ArrayNode events = n.putArray("events");
        for (EventLine e : d.events()) {
            ObjectNode o = events.addObject().put("t", e.time()).put("type", e.type());
            o.set("fields", JSON.valueToTree(e.fields()));
        }
        return n;
    }

    public static ObjectNode state(CameraState s) {
        ObjectNode n = JSON.createObjectNode();
        n.put("mode", s.mode().name());
        n.put("dockPhase", s.dockPhase() == null ? null : s.dockPhase().name());
        if (s.located()) {
            n.put("lat", s.lat()).put("lon", s.lon());
        }
        n.put("online", s.online()).put("recording", s.recording()).put("uploading", s.uploading());
        n.put("colour", s.colour().name());
        return n;
    }

    private static ObjectNode snapshot(CameraSnapshot s) {
        ObjectNode n = JSON.createObjectNode();
        n.put("mode", s.mode().name());
        n.put("dockPhase", s.dockPhase() == null ? null : s.dockPhase().name());
        ArrayNode flags = n.putArray("flags");
        for (Flag f : s.flags()) {
            flags.add(f.name());
        }
        n.put("batteryPercent", round(s.batteryPercent()));
        n.put("storageUsed", s.storageUsed()).put("storageFree", s.storageFree());
        n.put("segmentsStored", s.stored().size()).put("uploadable", s.uploadable()).put("held", s.held().size());
        n.put("recordingId", s.recordingId());
        n.put("connected", s.connected()).put("boots", s.boots());
        n.put("firmware", s.firmware()).put("firmwarePending", s.firmwarePending());
        n.put("writing", s.writing());
        n.putObject("settings").put("gpsIntervalRecording", s.settings().gpsIntervalRecording().toString())
                .put("gpsIntervalIdle", s.settings().gpsIntervalIdle().toString())
                .put("heartbeat", s.settings().heartbeat().toString())
                .put("preEvent", s.settings().preEvent().toString());
        return n;
    }

    public static ObjectNode result(ActionResult r) {
        return JSON.createObjectNode().put("deviceId", r.deviceId()).put("action", r.action().kind()).put("message", r.message());
    }

    public static ObjectNode replay(ReplayControl.Position p) {
        return JSON.createObjectNode().put("start", p.start()).put("end", p.end()).put("at", p.at())
                .put("speed", p.speed()).put("playing", p.playing());
    }

    public static ObjectNode error(int status, String message) {
        return JSON.createObjectNode().put("error", message).put("status", status);
    }

    public static byte[] bytes(Object tree) {
        try {
            return JSON.writeValueAsBytes(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    private static double round(double v) {
        return Double.isFinite(v) ? Math.round(v * 1000) / 1000.0 : 0;
    }
}
