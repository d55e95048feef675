package io.bodycam.sim.event;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;

/**
 * What a power cut left of the recording it interrupted: its closed segments are on the card, the
 * open one is gone (its file was never finalised).
 *
 * @param segmentsKept     segments closed before the cut
 * @param keptUntil        capture time up to which the recording survives (the open segment's start)
 * @param lostUntil        capture time of the cut
 * @param lostNominalBytes what the lost open segment would have held
 */
public record Interruption(String recordingId, int segmentsKept, long keptUntil, long lostUntil, long lostNominalBytes) {

    /** Recorded time lost to the cut. */
    public long lostMs() {
        return lostUntil - keptUntil;
    }

    void writeFields(JsonGenerator g) throws IOException {
        g.writeStringField("recordingId", recordingId);
        g.writeNumberField("segmentsKept", segmentsKept);
        g.writeNumberField("keptUntil", keptUntil);
        g.writeNumberField("lostUntil", lostUntil);
        g.writeNumberField("lostMs", lostMs());
        g.writeNumberField("lostNominalBytes", lostNominalBytes);
    }
}
