package io.bodycam.sim.video;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The container metadata of a segment MP4 (MP4 {@code mdta} keys, shown by ffprobe and most players as
 * the file's tags): who recorded it, when and where, as DEMS and policies expect
 * (docs/domain.md#evidence-metadata: officer, device serial, start and stop time, GPS, pre-event
 * portion [S1, S4, S11]).
 */
public final class Mp4Metadata {

    public static final String DEVICE_ID = "device_id";
    public static final String OFFICER = "officer";
    public static final String AGENCY = "agency";
    public static final String RECORDING_ID = "recording_id";
    public static final String SEGMENT_ID = "segment_id";
    public static final String SEGMENT_INDEX = "segment_index";
    public static final String START = "start_time";
    public static final String END = "end_time";
    public static final String DURATION_MS = "duration_ms";
    public static final String PRE_EVENT_SECONDS = "pre_event_seconds";
    public static final String AUDIO_IN_PRE_EVENT = "pre_event_audio";
    public static final String TRIGGER = "trigger";
    public static final String CATEGORY = "category";
    public static final String GPS_FIXES = "gps_fixes";
    public static final String LOCATION = "location";
    public static final String PICTURE = "picture";
    public static final String TITLE = "title";
    public static final String CREATION_TIME = "creation_time";

    private Mp4Metadata() {
    }

    /** The keys written for {@code spec} filmed in {@code format}; {@code picture} says remux or overlay. */
    public static Map<String, String> of(SegmentSpec spec, VideoFormat format) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(TITLE, spec.deviceId() + " " + spec.segmentId());
        m.put(CREATION_TIME, Instant.ofEpochMilli(spec.start()).toString());
        m.put(DEVICE_ID, spec.deviceId());
        m.put(OFFICER, spec.officer());
        m.put(AGENCY, spec.agency());
        m.put(RECORDING_ID, spec.recordingId());
        m.put(SEGMENT_ID, spec.segmentId());
        m.put(SEGMENT_INDEX, Integer.toString(spec.index()));
        m.put(START, Instant.ofEpochMilli(spec.start()).toString());
        m.put(END, Instant.ofEpochMilli(spec.end()).toString());
        m.put(DURATION_MS, Long.toString(spec.durationMillis()));
        m.put(PRE_EVENT_SECONDS, String.format(Locale.ROOT, "%.3f", spec.preEventMillis() / 1000.0));
        m.put(AUDIO_IN_PRE_EVENT, Boolean.toString(format.audioInBuffer()));
        m.put(TRIGGER, spec.trigger());
        m.put(CATEGORY, spec.category());
        var cues = spec.cues();
        m.put(GPS_FIXES, Integer.toString(cues.size()));
        cues.stream().filter(GpsCue::fix).findFirst().ifPresent(c -> m.put(LOCATION, iso6709(c.lat(), c.lon())));
        m.put(PICTURE, (format.overlay() ? "overlay " : "template ") + format.label());
        return m;
    }

    /** ISO 6709 point, as cameras and phones tag MP4 locations: {@code +39.091100-094.415500/}. */
    static String iso6709(double lat, double lon) {
        return String.format(Locale.ROOT, "%+010.6f%+011.6f/", lat, lon);
    }
}
