package io.bodycam.sim.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class UriPathTest {

    @Test
    void splits_the_path_and_leaves_out_the_query() {
        assertEquals(List.of("evidence", "CAM-1", "seg-7"), UriPath.segments("/evidence/CAM-1/seg-7?verbose=1"));
    }

    @Test
    void drops_empty_segments() {
        assertEquals(List.of("proxies", "mqtt"), UriPath.segments("//proxies///mqtt/"));
        assertEquals(List.of(), UriPath.segments("/"));
    }

    @Test
    void decodes_each_segment_on_its_own_so_an_encoded_slash_stays_inside_it() {
        assertEquals(List.of("devices", "CAM 1", "a/b"), UriPath.segments("/devices/CAM%201/a%2Fb"));
    }
}
