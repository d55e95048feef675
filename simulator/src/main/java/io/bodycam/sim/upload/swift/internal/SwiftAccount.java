package io.bodycam.sim.upload.swift.internal;

import io.bodycam.sim.upload.internal.HttpConnection;
import java.net.URI;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What a camera's Swift client knows of its account, shared by its uploads: the auth token and storage
 * URL from {@code /auth/v1.0}, the content destination's capabilities (read once), the containers it
 * already made, the connection to the storage URL, and until when it holds off after a 507.
 */
public final class SwiftAccount {

    String token;
    URI storageUrl;
    HttpConnection storage;
    boolean capabilitiesRead;
    Map<String, Boolean> capabilities = Map.of();
    final Set<String> containers = new HashSet<>();
    long pausedUntil = Long.MIN_VALUE;

    /** The capabilities of {@code System/Capabilities.json} ({@code Read}, {@code Store}, {@code StoreAndRead} merged). */
    public Map<String, Boolean> capabilities() {
        return capabilities;
    }

    /** The storage URL from the auth answer, once authenticated. */
    public URI storageUrl() {
        return storageUrl;
    }

    /** The token from the auth answer, once authenticated. */
    public String token() {
        return token;
    }

    /** The connection to the storage URL, once authenticated. */
    public HttpConnection storage() {
        return storage;
    }
}
