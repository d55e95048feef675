package io.bodycam.bench.ledger.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bodycam.sim.link.SwiftEvidenceLink;
import io.bodycam.sim.upload.Credentials;
import io.bodycam.sim.upload.swift.SwiftClientConfig;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Reads back a Swift content destination (the Axis Body Worn Integration API's store): logs in at the
 * profile's auth path, lists every container of the account and every object in each (pages of
 * {@value #PAGE}), GETs and hashes each recorded segment's clip, found by its name
 * ({@code <StartTime>_<RecordingID>.<ContainerType>}, {@link SwiftEvidenceLink#objectName}) in whichever
 * container holds it: a clip in two containers is two copies, an object no recorded segment names is
 * unexpected. The {@code System} container (the destination's capabilities) is the store's own.
 */
public final class SwiftStoreReader implements StoreReader {

    /** How this reader's figures are proved. */
    public static final String METHOD = "read-back of the whole Swift account by the bench (container and object "
            + "listings, GET and SHA-256 of every clip of a recorded segment)";
    static final int PAGE = 1000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SwiftClientConfig config;
    private final Supplier<Credentials> login;
    private final StoreHttp http;

    /**
     * @param login the credentials the bench logs in with (a camera's: the store knows no others), asked for when it reads
     * @param tls   the client context for an {@code https://} store; null for {@code http://}
     */
    public SwiftStoreReader(SwiftClientConfig config, Supplier<Credentials> login, SSLContext tls) {
        this.config = config;
        this.login = login;
        this.http = new StoreHttp(tls);
    }

    @Override
    public String method() {
        return METHOD;
    }

    @Override
    public StoreReadBack read(List<RecordedSegment> segments, ReadProgress progress) throws IOException, InterruptedException {
        URI auth = config.connection().endpoint().resolve(config.authPath());
        Credentials c = login.get();
        HttpResponse<byte[]> answer = http.answer(auth, Map.of("X-Auth-User", c.id(), "X-Auth-Key", c.secret()));
        String token = answer.headers().firstValue("X-Auth-Token").orElse(null);
        String storage = answer.headers().firstValue("X-Storage-Url").orElse(null);
        if (answer.statusCode() / 100 != 2 || token == null || storage == null) {
            throw new IOException("GET " + auth + " answered " + answer.statusCode() + " without a token and storage URL");
        }
        Map<String, String> headers = Map.of("X-Auth-Token", token);
        Map<String, RecordedSegment> byName = new HashMap<>();
        for (RecordedSegment s : segments) {
            byName.put(SwiftEvidenceLink.objectName(s.fields().get("recordingId"), s.start(), "mp4".equals(s.fields().get("ext"))), s);
        }
        String base = storage.endsWith("/") ? storage : storage + "/";
        List<String[]> objects = new ArrayList<>();
        for (String container : names(URI.create(base), headers)) {
            if (!container.equals("System")) {
                for (String object : names(URI.create(base + encode(container)), headers)) {
                    objects.add(new String[] {container, object});
                }
            }
        }
        StoreReadBack.Builder b = new StoreReadBack.Builder(METHOD, true);
        long clips = objects.stream().filter(o -> byName.containsKey(o[1])).count();
        progress.start("GET " + base + "CONTAINER/CLIP", (int) clips);
        for (String[] o : objects) {
            RecordedSegment s = byName.get(o[1]);
            if (s == null) {
                b.listed("?/" + o[0] + "/" + o[1]);
                continue;
            }
            b.listed(s.key());
            var hashed = http.sha256(URI.create(base + encode(o[0]) + "/" + encode(o[1])), headers);
            hashed.ifPresent(h -> b.copy(s, h.sha256()));
            progress.read(hashed.map(StoreHttp.Hashed::bytes).orElse(0L));
        }
        progress.done();
        return b.build();
    }

    /** Every name a listing gives ({@code ?format=json}, a page at a time from the last name seen). */
    private List<String> names(URI listing, Map<String, String> headers) throws IOException, InterruptedException {
        List<String> names = new ArrayList<>();
        String marker = "";
        while (true) {
            URI page = URI.create(listing + "?format=json&limit=" + PAGE + (marker.isEmpty() ? "" : "&marker=" + encode(marker)));
            JsonNode entries = JSON.readTree(http.get(page, headers));
            if (!entries.isArray()) {
                throw new IOException("GET " + page + " answered no JSON list");
            }
            entries.forEach(e -> names.add(e.path("name").asText()));
            if (entries.size() < PAGE) {
                return names;
            }
            marker = names.get(names.size() - 1);
        }
    }

    private static String encode(String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
