package io.bodycam.sim.event;

import com.fasterxml.jackson.core.JsonGenerator;
import io.bodycam.sim.state.Mode;

import java.io.IOException;

/** {@code mode} (bench only): the camera changed mode; the backend sees it in {@code state}. */
public record ModeChanged(String deviceId, long time, Mode from, Mode to) implements BenchNote {

    @Override
    public String type() {
        return "mode";
    }

    @Override
    public void writeFields(JsonGenerator g) throws IOException {
        g.writeStringField("from", from.name());
        g.writeStringField("to", to.name());
    }
}
