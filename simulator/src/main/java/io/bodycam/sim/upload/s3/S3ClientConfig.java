package io.bodycam.sim.upload.s3;

import io.bodycam.sim.upload.ConnectionSettings;
import io.bodycam.sim.upload.CredentialSource;
import io.bodycam.sim.upload.NameTemplate;
import io.bodycam.sim.upload.internal.PercentEncoding;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How a camera's {@link S3Client} stores segments in an S3-compatible bucket, path-style
 * ({@code http://host:port/bucket/key}). Immutable; build it with {@link #builder()}, whose setters reject
 * bad values and name the field.
 *
 * <p>A segment smaller than one part goes up in one PutObject; a larger one as a multipart upload of
 * {@link #partSize()} parts (the last one shorter). S3 refuses parts under 5 MiB but the last
 * ("EntityTooSmall"), so a smaller part size is accepted only with {@link Builder#smallPartsAccepted}
 * (a server known to take them; S3Proxy 2.6.0 does not). With {@link #checksums()} every request carries
 * {@code x-amz-checksum-sha256} (a PutObject the segment's own SHA-256, a part its part's, computed in a
 * pass over the part before it is sent) and the server's checksum proves the stored copy.
 */
public final class S3ClientConfig {

    /** S3's smallest part but the last: 5 MiB. */
    public static final int MIN_PART = 5 * 1024 * 1024;
    private static final int MAX_PART = 512 * 1024 * 1024;
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    private final ConnectionSettings connection;
    private final String region;
    private final String bucket;
    private final NameTemplate keyTemplate;
    private final CredentialSource credentials;
    private final int partSize;
    private final boolean smallPartsAccepted;
    private final int pieceSize;
    private final boolean checksums;

    private S3ClientConfig(Builder b) {
        this.connection = b.connection;
        this.region = b.region;
        this.bucket = b.bucket;
        this.keyTemplate = b.keyTemplate;
        this.credentials = b.credentials;
        this.partSize = b.partSize;
        this.smallPartsAccepted = b.smallPartsAccepted;
        this.pieceSize = b.pieceSize;
        this.checksums = b.checksums;
    }

    public static Builder builder() {
        return new Builder();
    }

    public ConnectionSettings connection() {
        return connection;
    }

    /** The region in the signature's credential scope ({@code us-east-1} by default). */
    public String region() {
        return region;
    }

    public String bucket() {
        return bucket;
    }

    /** How a segment's object key is made, e.g. {@code {agency}/{deviceId}/{recordingId}/{segmentId}.{ext}}. */
    public NameTemplate keyTemplate() {
        return keyTemplate;
    }

    public CredentialSource credentials() {
        return credentials;
    }

    /** The request path of object {@code key}, path-style: base path, bucket, key percent-encoded with slashes kept. */
    public String objectPath(String key) {
        return bucketPath() + "/" + PercentEncoding.encode(key, true);
    }

    /** The request path of the bucket itself (where ListObjectsV2 is asked). */
    public String bucketPath() {
        return connection.basePath() + "/" + bucket;
    }

    /** Bytes per part; a segment smaller than this is one PutObject. */
    public int partSize() {
        return partSize;
    }

    /** Whether the server takes parts under 5 MiB (then {@link #partSize()} may be smaller). */
    public boolean smallPartsAccepted() {
        return smallPartsAccepted;
    }

    /** Bytes per piece a part's body is streamed in (memory per upload is about two pieces). */
    public int pieceSize() {
        return pieceSize;
    }

    /** Whether requests carry {@code x-amz-checksum-sha256} (and the server's checksum can prove a copy). */
    public boolean checksums() {
        return checksums;
    }

    @Override
    public String toString() {
        return "S3ClientConfig[" + connection.endpoint() + "/" + bucket + "/" + keyTemplate + ", region=" + region
                + ", partSize=" + partSize + (smallPartsAccepted ? " (small parts accepted)" : "") + ", checksums="
                + checksums + "]";
    }

    /** Validating builder; every setter checks its value at once, {@link #build()} the combination. */
    public static final class Builder {
        private ConnectionSettings connection;
        private String region = "us-east-1";
        private String bucket;
        private NameTemplate keyTemplate = NameTemplate.parse("key template",
                "{agency}/{deviceId}/{recordingId}/{segmentId}.{ext}");
        private CredentialSource credentials;
        private int partSize = 8 * 1024 * 1024;
        private boolean smallPartsAccepted;
        private int pieceSize = 256 * 1024;
        private boolean checksums;

        private Builder() {
        }

        public Builder connection(ConnectionSettings settings) {
            this.connection = Objects.requireNonNull(settings, "connection");
            return this;
        }

        public Builder region(String region) {
            Objects.requireNonNull(region, "region");
            if (!region.matches("[a-z0-9-]{1,32}")) {
                throw new IllegalArgumentException("region must be lower-case letters, digits and '-', was '" + region
                        + "'");
            }
            this.region = region;
            return this;
        }

        /** An S3 bucket name: 3..63 lower-case letters, digits, dots and hyphens, starting and ending alphanumeric. */
        public Builder bucket(String name) {
            Objects.requireNonNull(name, "bucket");
            if (!BUCKET.matcher(name).matches()) {
                throw new IllegalArgumentException("bucket must be 3..63 lower-case letters, digits, '.' and '-', "
                        + "starting and ending with a letter or digit, was '" + name + "'");
            }
            this.bucket = name;
            return this;
        }

        public Builder keyTemplate(String template) {
            this.keyTemplate = NameTemplate.parse("key template", template);
            return this;
        }

        public Builder credentials(CredentialSource source) {
            this.credentials = Objects.requireNonNull(source, "credentials");
            return this;
        }

        /** Bytes per part, 1 .. 512 MiB; under 5 MiB only with {@link #smallPartsAccepted(boolean)}. */
        public Builder partSize(int bytes) {
            if (bytes < 1 || bytes > MAX_PART) {
                throw new IllegalArgumentException("part size must be 1.." + MAX_PART + " bytes, was " + bytes);
            }
            this.partSize = bytes;
            return this;
        }

        /** Says the server takes parts under S3's 5 MiB minimum (a test server, some S3-compatible stores). */
        public Builder smallPartsAccepted(boolean accepted) {
            this.smallPartsAccepted = accepted;
            return this;
        }

        public Builder pieceSize(int bytes) {
            if (bytes < 1024 || bytes > 16 * 1024 * 1024) {
                throw new IllegalArgumentException("piece size must be 1 KiB..16 MiB, was " + bytes);
            }
            this.pieceSize = bytes;
            return this;
        }

        public Builder checksums(boolean on) {
            this.checksums = on;
            return this;
        }

        public S3ClientConfig build() {
            if (connection == null) {
                throw new IllegalStateException("connection must be set");
            }
            if (bucket == null) {
                throw new IllegalStateException("bucket must be set");
            }
            if (credentials == null) {
                throw new IllegalStateException("credentials must be set");
            }
            if (partSize < MIN_PART && !smallPartsAccepted) {
                throw new IllegalStateException("part size must be at least " + MIN_PART + " bytes (S3 refuses "
                        + "smaller parts but the last), was " + partSize + "; set smallPartsAccepted only for a server "
                        + "known to take them");
            }
            return new S3ClientConfig(this);
        }
    }
}
