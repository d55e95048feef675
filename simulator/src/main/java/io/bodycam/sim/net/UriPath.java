package io.bodycam.sim.net;

import io.netty.handler.codec.http.QueryStringDecoder;

import java.util.ArrayList;
import java.util.List;

/**
 * The path of a request URI as the HTTP servers here route on it (the evidence server, the fault
 * proxy's control API): the query left out, empty segments dropped, each segment decoded on its own,
 * so an encoded {@code %2F} stays inside its segment.
 */
public final class UriPath {

    private UriPath() {
    }

    /**
     * The decoded, non-empty segments of {@code uri}'s path: {@code /evidence/CAM%201/seg?x=1} gives
     * [evidence, CAM 1, seg].
     */
    public static List<String> segments(String uri) {
        List<String> segments = new ArrayList<>();
        for (String raw : new QueryStringDecoder(uri).rawPath().split("/")) {
            if (!raw.isEmpty()) {
                segments.add(QueryStringDecoder.decodeComponent(raw));
            }
        }
        return segments;
    }
}
