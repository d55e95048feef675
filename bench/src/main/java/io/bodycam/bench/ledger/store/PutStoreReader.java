package io.bodycam.bench.ledger.store;

import io.bodycam.sim.upload.put.PutClientConfig;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.net.URI;
import java.util.List;

/**
 * Reads back a plain web server that took each segment by PUT: a GET of every recorded segment's URL (made
 * from the profile's path template, with its headers), hashed by the bench. A web server has no listing, so
 * what it holds beyond the recorded segments ({@code evidence.unexpected}) is not measured, and a second
 * copy under another name cannot be seen.
 */
public final class PutStoreReader implements StoreReader {

    /** How this reader's figures are proved. */
    public static final String METHOD = "read-back of every recorded segment's URL by the bench (HTTP GET, SHA-256 "
            + "of each); no listing, so copies under other names and unexpected files are not measured";

    private final PutClientConfig config;
    private final StoreHttp http;

    /** @param tls the client context for an {@code https://} server; null for {@code http://} */
    public PutStoreReader(PutClientConfig config, SSLContext tls) {
        this.config = config;
        this.http = new StoreHttp(tls);
    }

    @Override
    public String method() {
        return METHOD;
    }

    @Override
    public StoreReadBack read(List<RecordedSegment> segments, ReadProgress progress) throws IOException, InterruptedException {
        StoreReadBack.Builder b = new StoreReadBack.Builder(METHOD, false);
        URI endpoint = config.connection().endpoint();
        progress.start("GET " + endpoint + " " + config.pathTemplate(), segments.size());
        for (RecordedSegment s : segments) {
            URI uri = endpoint.resolve(config.path(s.fields()));
            var hashed = http.sha256(uri, config.headers(s.fields()));
            hashed.ifPresent(h -> b.copy(s, h.sha256()));
            progress.read(hashed.map(StoreHttp.Hashed::bytes).orElse(0L));
        }
        progress.done();
        return b.build();
    }
}
