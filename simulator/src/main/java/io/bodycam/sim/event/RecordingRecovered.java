package io.bodycam.sim.event;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;

/**
 * {@code recording.recovered}: after {@code RECOVERING_INTERRUPTED}, the recording a power loss cut is
 * repaired up to its last complete segment [S43].
 *
 * @param cut  what was kept and what was lost
 * @param card in mp4 mode, what the card held of the interrupted files; null otherwise
 */
public record RecordingRecovered(String deviceId, long time, Interruption cut, CardCheck card) implements CameraEvent {

    /**
     * The card after the cut (mp4 mode, docs/video.md): the interrupted files found, probed and removed,
     * or why the card could not be read.
     *
     * @param error            why the card could not be read; null when it was
     * @param truncatedFiles   interrupted files found and removed
     * @param truncatedSegment the first of them; null when none
     * @param probe            why FFmpeg cannot open the first of them
     */
    public record CardCheck(String error, int truncatedFiles, String truncatedSegment, long truncatedBytes,
                            String probe) {

        public static CardCheck unreadable(String error) {
            return new CardCheck(error, 0, null, 0, null);
        }
    }

    @Override
    public String type() {
        return "recording.recovered";
    }

    @Override
    public void writeFields(JsonGenerator g) throws IOException {
        cut.writeFields(g);
        if (card == null) {
            return;
        }
        if (card.error() != null) {
            g.writeStringField("cardError", card.error());
            return;
        }
        g.writeNumberField("truncatedFiles", card.truncatedFiles());
        if (card.truncatedSegment() != null) {
            g.writeStringField("truncatedSegment", card.truncatedSegment());
            g.writeNumberField("truncatedBytes", card.truncatedBytes());
            g.writeStringField("probe", card.probe());
        }
    }
}
