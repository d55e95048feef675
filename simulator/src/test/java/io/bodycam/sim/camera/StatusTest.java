package io.bodycam.sim.camera;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bodycam.sim.link.Topic;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusTest {

    @Test
    void status_seq_has_no_gaps_across_clean_reboots_and_the_will_carries_the_next_number() throws Exception {
        CameraRig rig = new CameraRig().booted();
        JsonNode will = new ObjectMapper().readTree(rig.mqtt.lastWill());
        assertEquals("offline", will.path("status").asText());
        assertEquals(1, will.path("seq").asLong(), "the Will takes the number after online");

        rig.camera.reboot("test");
        rig.advance(Duration.ofSeconds(10));
        rig.camera.powerOff();

        List<JsonNode> status = rig.mqtt.on(Topic.STATUS);
        assertEquals(List.of("online", "offline", "online", "offline"), status.stream().map(n -> n.path("status").asText()).toList());
        assertEquals(List.of(0L, 1L, 2L, 3L), status.stream().map(n -> n.path("seq").asLong()).toList());
        assertEquals("power off", status.get(3).path("reason").asText());
    }
}
