package io.bodycam.bench.ledger.store;

import io.bodycam.bench.ledger.BackendView;
import io.bodycam.sim.upload.Credentials;
import io.bodycam.sim.upload.NameTemplate;
import io.bodycam.sim.upload.s3.S3ClientConfig;
import io.bodycam.sim.upload.s3.S3RequestSigner;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

import javax.net.ssl.SSLContext;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Reads back an S3 bucket (path-style, SigV4 with the profile's credentials): lists it whole
 * (ListObjectsV2, page by page), maps each key back to a recorded segment with the profile's key template
 * (the key the camera made for it, or failing that any key the template parses to its device and segment
 * id: a copy under another name), and GETs and hashes every object of a recorded segment. A key of no
 * recorded segment is unexpected; it is listed, not read. A key ending in {@code /} is a folder marker
 * (consoles make them; S3Proxy's filesystem store lists each of its folders so), not evidence: left out.
 */
public final class S3StoreReader implements StoreReader {

    /** How this reader's figures are proved. */
    public static final String METHOD = "read-back of every stored object by the bench (S3 ListObjectsV2 + GetObject, "
            + "SHA-256 of each)";

    private final S3ClientConfig config;
    private final Supplier<Credentials> lister;
    private final StoreHttp http;
    private final S3RequestSigner signer;
    private final Clock clock;

    /**
     * @param lister the credentials the bucket is listed with (a camera's: the profile has no others), asked
     *               when the read begins; each object is read with the credentials of the camera that recorded it
     * @param tls    the client context for an {@code https://} store; null for {@code http://}
     * @param clock  the signing clock: wall time, since the store checks it against its own
     */
    public S3StoreReader(S3ClientConfig config, Supplier<Credentials> lister, SSLContext tls, Clock clock) {
        this.config = config;
        this.lister = lister;
        this.http = new StoreHttp(tls);
        this.signer = new S3RequestSigner(config.region());
        this.clock = clock;
    }

    @Override
    public String method() {
        return METHOD;
    }

    @Override
    public StoreReadBack read(List<RecordedSegment> segments, ReadProgress progress) throws IOException, InterruptedException {
        NameTemplate template = config.keyTemplate();
        Map<String, RecordedSegment> byName = new HashMap<>();
        Map<String, RecordedSegment> byKey = new HashMap<>();
        for (RecordedSegment s : segments) {
            byName.put(template.expand(s.fields()), s);
            byKey.put(s.key(), s);
        }
        StoreReadBack.Builder b = new StoreReadBack.Builder(METHOD, true);
        Map<String, RecordedSegment> toRead = new LinkedHashMap<>();
        for (String name : list()) {
            Optional<Map<String, String>> parsed = Optional.ofNullable(byName.get(name)).map(RecordedSegment::fields)
                    .or(() -> template.match(name));
            String key = parsed.filter(f -> f.containsKey("deviceId") && f.containsKey("segmentId"))
                    .map(f -> BackendView.key(f.get("deviceId"), f.get("segmentId")))
                    .orElse(BackendView.key("?", name));
            b.listed(key);
            RecordedSegment s = byName.containsKey(name) ? byName.get(name) : byKey.get(key);
            if (s != null) {
                toRead.put(name, s);
            }
        }
        progress.start("s3 " + config.connection().endpoint() + " bucket " + config.bucket(), toRead.size());
        for (Map.Entry<String, RecordedSegment> e : toRead.entrySet()) {
            RecordedSegment s = e.getValue();
            Credentials own = config.credentials().forDevice(s.deviceId(), s.agency());
            var hashed = http.sha256(uri(config.objectPath(e.getKey())), signed(config.objectPath(e.getKey()), own));
            hashed.ifPresent(h -> b.copy(s, h.sha256()));
            progress.read(hashed.map(StoreHttp.Hashed::bytes).orElse(0L));
        }
        progress.done();
        return b.build();
    }

    /** Every object key of the bucket, following ListObjectsV2's continuation tokens; folder markers left out. */
    private List<String> list() throws IOException, InterruptedException {
        List<String> keys = new ArrayList<>();
        Credentials credentials = lister.get();
        String token = null;
        do {
            String target = config.bucketPath() + "?list-type=2"
                    + (token == null ? "" : "&continuation-token=" + S3RequestSigner.encodeQueryValue(token));
            Element result = parse(http.get(uri(target), signed(target, credentials)), target);
            NodeList contents = result.getElementsByTagName("Contents");
            for (int i = 0; i < contents.getLength(); i++) {
                String key = text((Element) contents.item(i), "Key");
                if (!key.endsWith("/")) {
                    keys.add(key);
                }
            }
            token = "true".equals(text(result, "IsTruncated")) ? text(result, "NextContinuationToken") : null;
        } while (token != null && !token.isEmpty());
        return keys;
    }

    private Map<String, String> signed(String target, Credentials credentials) {
        return signer.sign("GET", StoreHttp.hostHeader(config.connection().endpoint()), target, credentials, clock.instant());
    }

    private URI uri(String target) {
        URI endpoint = config.connection().endpoint();
        return URI.create(endpoint.getScheme() + "://" + endpoint.getRawAuthority() + target);
    }

    private static Element parse(byte[] xml, String target) throws IOException {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document d = f.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
            Element root = d.getDocumentElement();
            if (!"ListBucketResult".equals(root.getLocalName() == null ? root.getTagName() : root.getLocalName())) {
                throw new IOException("GET " + target + " answered <" + root.getTagName() + ">, not a ListBucketResult");
            }
            return root;
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException("GET " + target + " answered no XML listing: " + e.getMessage(), e);
        }
    }

    /** The text of {@code parent}'s first {@code name} element, or "" when there is none. */
    private static String text(Element parent, String name) {
        NodeList n = parent.getElementsByTagName(name);
        return n.getLength() == 0 ? "" : n.item(0).getTextContent();
    }
}
