package io.bodycam.sim.upload.internal;

import java.net.URI;
import java.security.MessageDigest;

/**
 * A tus upload the client created and has not finished: its URL, kept so that a later upload of the
 * same key resumes it, and the running SHA-256 of its bytes that the server checked against an
 * {@code Upload-Checksum}, from offset 0 up to {@link #checkedThrough}.
 */
public final class TusUpload {

    final URI url;
    MessageDigest checked = Digests.sha256();
    long checkedThrough;

    TusUpload(URI url) {
        this.url = url;
    }

    public URI url() {
        return url;
    }
}
