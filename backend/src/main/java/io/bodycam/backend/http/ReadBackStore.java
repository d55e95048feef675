package io.bodycam.backend.http;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What the evidence server stores, besides the reference contract, for cameras whose device profile proves a
 * segment by reading it back (docs/backends.md): the bodies go to files under {@code folder} and are served
 * back by GET. One protocol per server: tus (read-back of a finished upload at {@code GET /files/{id}}), a
 * plain PUT/POST store under the put path's first element, an S3 bucket (path-style, SigV4), or a Swift
 * account after the Axis Body Worn Integration API. The store's first path element is its own; it may not
 * be one the reference contract needs. Build it with the factories, which refuse what the server cannot
 * serve and say why.
 *
 * @param putPath     for PUT: the path template ({@code /evidence/{agency}/...}); else null
 * @param s3Bucket    for S3: the bucket; else null
 * @param s3Region    for S3: the region requests are signed for; else null
 * @param s3Secrets   for S3: the secret key of each access key id the server accepts; else empty
 * @param swiftAuthPath for Swift: the auth path ({@code /auth/v1.0}); else null
 */
public record ReadBackStore(Protocol protocol, Path folder, String putPath, String s3Bucket, String s3Region,
                            Map<String, String> s3Secrets, String swiftAuthPath) {

    /** The protocol the store speaks. */
    public enum Protocol { TUS, PUT, S3, SWIFT }

    /** First path elements the reference contract keeps for itself (tus, time, firmware, configuration). */
    public static final Set<String> RESERVED = Set.of("files", "time", "firmware", "devices");
    /** The first path element of a Swift storage URL ({@code /v1/AUTH_<account>}). */
    public static final String SWIFT_STORAGE = "v1";
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern LITERAL_ELEMENT = Pattern.compile("/([^/{}?#]+)/.*");

    public ReadBackStore {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(folder, "store folder");
        s3Secrets = s3Secrets == null ? Map.of() : Map.copyOf(s3Secrets);
    }

    /** A tus server that also answers {@code GET /files/{id}} with a finished upload's bytes. */
    public static ReadBackStore tus(Path folder) {
        return new ReadBackStore(Protocol.TUS, folder, null, null, null, null, null);
    }

    /**
     * A plain store: PUT or POST stores the body at the request's path, GET reads it back.
     *
     * @param pathTemplate the put profile's path; its first element must be literal and not the reference's
     * @throws IllegalArgumentException when the server cannot serve that path, with the reason
     */
    public static ReadBackStore put(Path folder, String pathTemplate) {
        firstElement("put path", pathTemplate);
        return new ReadBackStore(Protocol.PUT, folder, pathTemplate, null, null, null, null);
    }

    /**
     * An S3 bucket, path-style ({@code /bucket/key}), whose requests must carry a SigV4 signature by one of
     * {@code secrets}' keys (access key id to secret) for {@code region}.
     *
     * @throws IllegalArgumentException for a bucket name S3 would refuse, or one the reference contract uses
     */
    public static ReadBackStore s3(Path folder, String bucket, String region, Map<String, String> secrets) {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(region, "region");
        if (!BUCKET.matcher(bucket).matches()) {
            throw new IllegalArgumentException("bucket '" + bucket + "' is not an S3 bucket name (3..63 of a-z, 0-9, "
                    + "'.' and '-', starting and ending with a letter or digit)");
        }
        if (RESERVED.contains(bucket) || bucket.equals(SWIFT_STORAGE)) {
            throw new IllegalArgumentException("bucket '" + bucket + "' is a path the embedded backend keeps for the "
                    + "reference contract; name the bucket otherwise");
        }
        return new ReadBackStore(Protocol.S3, folder, null, bucket, region, secrets, null);
    }

    /**
     * A Swift account: {@code GET authPath} gives any user with a key a token and a storage URL under
     * {@code /v1/}; containers and objects are stored there.
     *
     * @throws IllegalArgumentException when the auth path is not literal or is one the server uses otherwise
     */
    public static ReadBackStore swift(Path folder, String authPath) {
        String first = firstElement("swift auth path", authPath + "/");
        if (first.equals(SWIFT_STORAGE)) {
            throw new IllegalArgumentException("swift auth path '" + authPath + "' is under /v1/, where the embedded "
                    + "backend keeps the storage URL; use /auth/v1.0");
        }
        return new ReadBackStore(Protocol.SWIFT, folder, null, null, null, null, authPath);
    }

    /** The first path element the store takes: the put path's, the bucket, or the Swift storage URL's. */
    public String root() {
        return switch (protocol) {
            case TUS -> "files";
            case PUT -> firstElement("put path", putPath);
            case S3 -> s3Bucket;
            case SWIFT -> SWIFT_STORAGE;
        };
    }

    /** Without the S3 secrets. */
    @Override
    public String toString() {
        return "ReadBackStore[" + protocol + " in " + folder + (putPath == null ? "" : ", put path " + putPath)
                + (s3Bucket == null ? "" : ", bucket " + s3Bucket + " in " + s3Region + ", keys " + s3Secrets.keySet())
                + (swiftAuthPath == null ? "" : ", auth path " + swiftAuthPath) + "]";
    }

    private static String firstElement(String field, String path) {
        Objects.requireNonNull(path, field);
        var m = LITERAL_ELEMENT.matcher(path);
        if (!m.matches()) {
            throw new IllegalArgumentException(field + " '" + path + "' must start with a fixed path element, as "
                    + "/evidence/{deviceId}/...: the embedded backend routes on it");
        }
        if (RESERVED.contains(m.group(1))) {
            throw new IllegalArgumentException(field + " '" + path + "' starts with /" + m.group(1) + "/, which the "
                    + "embedded backend keeps for the reference contract (" + String.join(", ", RESERVED.stream().sorted()
                    .map(r -> "/" + r + "/").toList()) + "); start it with another element");
        }
        return m.group(1);
    }
}
