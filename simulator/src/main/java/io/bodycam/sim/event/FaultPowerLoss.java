package io.bodycam.sim.event;

import com.fasterxml.jackson.core.JsonGenerator;
import io.bodycam.sim.state.Mode;

import java.io.IOException;
import java.util.Optional;

/**
 * {@code fault.powerLoss} (bench only): a scenario cut the camera's power.
 *
 * @param cut  the recording it interrupted; null when none was open
 * @param mode the mode the camera was in
 */
public record FaultPowerLoss(String deviceId, long time, Interruption cut, Mode mode) implements BenchNote {

    public Optional<Interruption> interrupted() {
        return Optional.ofNullable(cut);
    }

    @Override
    public String type() {
        return "fault.powerLoss";
    }

    @Override
    public void writeFields(JsonGenerator g) throws IOException {
        if (cut != null) {
            cut.writeFields(g);
        }
        g.writeStringField("mode", mode.name());
    }
}
