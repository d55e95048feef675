package io.bodycam.sim.upload.put;

import io.bodycam.sim.upload.ConnectionSettings;
import io.bodycam.sim.upload.NameTemplate;
import io.bodycam.sim.upload.internal.PercentEncoding;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How a camera's {@link PutClient} sends each segment whole to a plain web server: the method
 * ({@code PUT} or {@code POST}), the URL path made from the segment ({@code /evidence/{deviceId}/{segmentId}.{ext}}),
 * and extra headers made from templates (an {@code Authorization} per camera). Immutable; build it with
 * {@link #builder()}, whose setters reject bad values and name the field.
 */
public final class PutClientConfig {

    /** The request that carries the segment. */
    public enum Method {
        PUT,
        POST
    }

    private final ConnectionSettings connection;
    private final Method method;
    private final NameTemplate pathTemplate;
    private final Map<String, NameTemplate> headers;
    private final int pieceSize;

    private PutClientConfig(Builder b) {
        this.connection = b.connection;
        this.method = b.method;
        this.pathTemplate = b.pathTemplate;
        this.headers = Map.copyOf(b.headers);
        this.pieceSize = b.pieceSize;
    }

    public static Builder builder() {
        return new Builder();
    }

    public ConnectionSettings connection() {
        return connection;
    }

    public Method method() {
        return method;
    }

    /** The URL path below the endpoint for a segment; also where a read-back GETs it. */
    public NameTemplate pathTemplate() {
        return pathTemplate;
    }

    /** Extra request headers by name, each a template over the segment's fields. */
    public Map<String, NameTemplate> headers() {
        return headers;
    }

    /**
     * The URL path (below the endpoint's base path, percent-encoded, slashes kept) of the segment whose
     * {@link NameTemplate} variables are {@code fields}: where it is sent and where a read-back GETs it.
     */
    public String path(Map<String, String> fields) {
        return connection.basePath() + PercentEncoding.encode(pathTemplate.expand(fields), true);
    }

    /** The extra headers of the segment whose {@link NameTemplate} variables are {@code fields}. */
    public Map<String, String> headers(Map<String, String> fields) {
        Map<String, String> values = new LinkedHashMap<>();
        headers.forEach((name, template) -> values.put(name, template.expand(fields)));
        return values;
    }

    public int pieceSize() {
        return pieceSize;
    }

    /** Validating builder; every setter checks its value at once. */
    public static final class Builder {
        private ConnectionSettings connection;
        private Method method = Method.PUT;
        private NameTemplate pathTemplate = NameTemplate.parse("path template",
                "/evidence/{agency}/{deviceId}/{segmentId}.{ext}");
        private final Map<String, NameTemplate> headers = new LinkedHashMap<>();
        private int pieceSize = 256 * 1024;

        private Builder() {
        }

        public Builder connection(ConnectionSettings settings) {
            this.connection = Objects.requireNonNull(settings, "connection");
            return this;
        }

        public Builder method(Method method) {
            this.method = Objects.requireNonNull(method, "method");
            return this;
        }

        /** A path starting with {@code /}; variables are expanded and percent-encoded, slashes kept. */
        public Builder pathTemplate(String template) {
            Objects.requireNonNull(template, "path template");
            if (!template.startsWith("/") || template.contains("?") || template.contains("#")) {
                throw new IllegalArgumentException("path template must start with '/' and have no query or fragment, "
                        + "was '" + template + "'");
            }
            this.pathTemplate = NameTemplate.parse("path template", template);
            return this;
        }

        /** Adds a header, e.g. {@code Authorization: Bearer {deviceId}}; names are HTTP tokens. */
        public Builder header(String name, String valueTemplate) {
            Objects.requireNonNull(name, "header name");
            if (!name.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
                throw new IllegalArgumentException("header name must be an HTTP token, was '" + name + "'");
            }
            headers.put(name, NameTemplate.parse("header " + name, valueTemplate));
            return this;
        }

        public Builder pieceSize(int bytes) {
            if (bytes < 1024 || bytes > 16 * 1024 * 1024) {
                throw new IllegalArgumentException("piece size must be 1 KiB..16 MiB, was " + bytes);
            }
            this.pieceSize = bytes;
            return this;
        }

        public PutClientConfig build() {
            if (connection == null) {
                throw new IllegalStateException("connection must be set");
            }
            return new PutClientConfig(this);
        }
    }
}
