package io.bodycam.sim.upload.s3.internal;

import io.bodycam.sim.recording.ByteSource;
import io.bodycam.sim.upload.ProgressListener;
import io.bodycam.sim.upload.UploadException;
import io.bodycam.sim.upload.UploadException.Kind;
import io.bodycam.sim.upload.UploadPacer;
import io.bodycam.sim.upload.internal.Backoff;
import io.bodycam.sim.upload.internal.ChunkReader;
import io.bodycam.sim.upload.internal.Digests;
import io.bodycam.sim.upload.internal.HttpConnection;
import io.bodycam.sim.upload.internal.HttpReply;
import io.bodycam.sim.upload.internal.LoopTimers;
import io.bodycam.sim.upload.internal.RetryingTask;
import io.bodycam.sim.upload.internal.SourceBody;
import io.bodycam.sim.upload.s3.S3ClientConfig;
import io.bodycam.sim.upload.s3.S3Outcome;
import io.bodycam.sim.upload.s3.internal.Multipart.Part;
import io.bodycam.sim.upload.s3.internal.S3Requests.CompletedPart;
import io.netty.buffer.ByteBufAllocator;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One segment's upload to S3 as a state machine on the camera's loop. Smaller than a part: one
 * PutObject whose signed payload hash is the segment's recorded SHA-256. Otherwise a multipart upload:
 * CreateMultipartUpload, then each missing part streamed (after a hashing pass over it when checksums
 * are on), then CompleteMultipartUpload. After a broken connection, a timeout or a 5xx the session backs
 * off and asks ListParts what the server holds, and goes on from there (a part cut in the middle is sent
 * again whole); a 404 {@code NoSuchUpload} starts a new upload. Giving up aborts the multipart upload,
 * so the server drops its parts. Retries follow {@link RetryingTask}. Each part the server takes is
 * told to the session's {@link ProgressListener} (the bytes of all the parts it holds).
 */
public final class S3UploadSession extends RetryingTask<S3Outcome> {

    private final String key;
    private final String sha256;
    private final ByteSource source;
    private final long length;
    private final S3ClientConfig config;
    private final S3Requests requests;
    private final HttpConnection connection;
    private final UploadPacer pacer;
    private final ProgressListener progress;
    private final Map<String, Multipart> known;
    private final ChunkReader reader;
    private Multipart upload;
    private long bytesSent;
    private int resumes;
    private SourceBody body;

    public S3UploadSession(String key, String sha256, ByteSource source, S3ClientConfig config, S3Requests requests,
                           HttpConnection connection, UploadPacer pacer, ProgressListener progress, Backoff backoff,
                           LoopTimers timers, Map<String, Multipart> known) {
        super(timers, backoff, config.connection().maxAttempts());
        this.key = key;
        this.sha256 = sha256;
        this.source = source;
        this.length = source.length();
        this.config = config;
        this.requests = requests;
        this.connection = connection;
        this.pacer = pacer;
        this.progress = progress;
        this.known = known;
        this.reader = new ChunkReader(source, config.pieceSize(), ByteBufAllocator.DEFAULT, timers);
        this.upload = known.get(key);
    }

    /** Starts (or resumes) the upload; the future completes on the loop. */
    public S3UploadSession start() {
        if (length < config.partSize()) {
            putObject();
        } else if (upload != null) {
            listParts();
        } else {
            createMultipart();
        }
        return this;
    }

    @Override
    protected String describe() {
        return "S3 upload of " + key + (upload == null ? "" : " (upload " + upload.uploadId + ", " + upload.parts.size()
                + " parts held)");
    }

    private void putObject() {
        SourceBody b = body(0, length, List.of());
        connection.send(alloc -> requests.putObject(key, sha256), b, null).whenComplete(guarded((reply, error) -> {
            bytesSent += b.sent();
            if (error != null) {
                retryLater(error, this::putObject);
            } else if (reply.status() == 200) {
                String returned = reply.header("x-amz-checksum-sha256").orElse(null);
                String mine = Digests.hexToBase64(sha256);
                if (returned != null && !returned.equals(mine)) {
                    finish(0, Optional.empty(), "the server returned x-amz-checksum-sha256 " + returned + ", sent " + mine,
                            false);
                } else {
                    finish(0, Optional.of(sha256), returned != null ? "the server returned the sent "
                            + "x-amz-checksum-sha256" : "the server accepted the body against its signed SHA-256", false);
                }
            } else if (S3Xml.digestRefused(reply)) {
                finish(0, Optional.empty(), "the server refused the body: " + S3Xml.error(reply), true);
            } else {
                unexpected(reply, "PutObject", this::putObject);
            }
        }));
    }

    private void createMultipart() {
        connection.send(alloc -> requests.createMultipart(key)).whenComplete(guarded((reply, error) -> {
            if (error != null) {
                retryLater(error, this::createMultipart);
            } else if (reply.status() == 200) {
                Optional<String> id = S3Xml.of(reply).flatMap(x -> x.text("UploadId")).filter(s -> !s.isEmpty());
                if (id.isEmpty()) {
                    fail(protocol(reply, "CreateMultipartUpload answered without an UploadId"));
                    return;
                }
                upload = new Multipart(key, id.get());
                known.put(key, upload);
                progressed();
                nextPart();
            } else {
                unexpected(reply, "CreateMultipartUpload", this::createMultipart);
            }
        }));
    }

    private int partCount() {
        return (int) ((length + config.partSize() - 1) / config.partSize());
    }

    private long partStart(int n) {
        return (long) (n - 1) * config.partSize();
    }

    private long partEnd(int n) {
        return Math.min(length, (long) n * config.partSize());
    }

    private void nextPart() {
        for (int n = 1; n <= partCount(); n++) {
            if (!upload.parts.containsKey(n)) {
                int part = n;
                if (config.checksums()) {
                    hashPart(part);
                } else {
                    sendPart(part, null, candidate(part));
                }
                return;
            }
        }
        complete();
    }

    /** A copy of the running whole-segment digest to feed with part {@code n}, if it is the next in order. */
    private MessageDigest candidate(int n) {
        return n == upload.hashedThrough + 1 ? Digests.copy(upload.whole) : null;
    }

    /** Reads part {@code n} once to hash it, so its SHA-256 can be signed and sent as its checksum. */
    private void hashPart(int n) {
        MessageDigest partDigest = Digests.sha256();
        MessageDigest wholeCandidate = candidate(n);
        List<MessageDigest> digests = wholeCandidate == null ? List.of(partDigest) : List.of(partDigest, wholeCandidate);
        body = new SourceBody(reader, key, partStart(n), partEnd(n), config.pieceSize(), UploadPacer.UNLIMITED, timers,
                digests);
        body.drain(guardedError(error -> {
            if (error != null) {
                fail(error);
            } else {
                sendPart(n, Digests.hex(partDigest.digest()), wholeCandidate);
            }
        }));
    }

    /** Runs {@code then} unless the session has ended meanwhile. */
    private Consumer<Throwable> guardedError(Consumer<Throwable> then) {
        return error -> {
            if (!done()) {
                then.accept(error);
            }
        };
    }

    private void sendPart(int n, String partSha256Hex, MessageDigest wholeCandidate) {
        boolean hashedAlready = partSha256Hex != null;
        SourceBody b = body(partStart(n), partEnd(n), hashedAlready || wholeCandidate == null
                ? List.of() : List.of(wholeCandidate));
        Multipart u = upload;
        connection.send(alloc -> requests.uploadPart(key, u.uploadId, n, partSha256Hex), b, null)
                .whenComplete(guarded((reply, error) -> {
                    bytesSent += b.sent();
                    if (error != null) {
                        retryLater(error, this::listParts);
                    } else if (reply.status() == 200) {
                        String etag = reply.header("ETag").orElse(null);
                        if (etag == null) {
                            fail(protocol(reply, "UploadPart answered without an ETag"));
                            return;
                        }
                        u.parts.put(n, new Part(partEnd(n) - partStart(n), etag,
                                partSha256Hex == null ? null : Digests.hexToBase64(partSha256Hex)));
                        if (wholeCandidate != null) {
                            u.whole = wholeCandidate;
                            u.hashedThrough = n;
                        }
                        progressed();
                        progress.committed(u.parts.values().stream().mapToLong(Part::size).sum(), length);
                        nextPart();
                    } else {
                        unexpected(reply, "UploadPart " + n, this::listParts);
                    }
                }));
    }

    /** ListParts: keeps the parts the server holds whole, forgets the rest, and goes on. */
    private void listParts() {
        resumes++;
        listPartsFrom(0, new ArrayList<>());
    }

    private void listPartsFrom(int marker, List<S3Xml> listed) {
        Multipart u = upload;
        connection.send(alloc -> requests.listParts(key, u.uploadId, marker)).whenComplete(guarded((reply, error) -> {
            if (error != null) {
                retryLater(error, this::listParts);
            } else if (reply.status() == 200) {
                Optional<S3Xml> doc = S3Xml.of(reply);
                if (doc.isEmpty()) {
                    fail(protocol(reply, "ListParts answered something that is not XML"));
                    return;
                }
                listed.addAll(doc.get().children("Part"));
                boolean truncated = doc.get().text("IsTruncated").map("true"::equalsIgnoreCase).orElse(false);
                int next = doc.get().text("NextPartNumberMarker").map(Integer::parseInt).orElse(0);
                if (truncated && next > marker) {
                    listPartsFrom(next, listed);
                } else {
                    resumeFrom(listed);
                }
            } else if (reply.status() == 404) {
                restart("ListParts answered 404 " + S3Xml.error(reply));
            } else {
                unexpected(reply, "ListParts", this::listParts);
            }
        }));
    }

    private void resumeFrom(List<S3Xml> listed) {
        Map<Integer, Part> mine = Map.copyOf(upload.parts);
        upload.parts.clear();
        for (S3Xml p : listed) {
            int n = p.text("PartNumber").map(Integer::parseInt).orElse(0);
            long size = p.text("Size").map(Long::parseLong).orElse(-1L);
            String etag = p.text("ETag").orElse("");
            Part recorded = mine.get(n);
            boolean whole = n >= 1 && n <= partCount() && size == partEnd(n) - partStart(n);
            if (whole && recorded != null && S3Xml.unquote(recorded.etag()).equals(S3Xml.unquote(etag))) {
                upload.parts.put(n, recorded);
            } else if (whole && recorded == null && !config.checksums()) {
                upload.parts.put(n, new Part(size, etag, null));
            }
        }
        nextPart();
    }

    private void complete() {
        Multipart u = upload;
        List<CompletedPart> parts = new ArrayList<>();
        u.parts.forEach((n, p) -> parts.add(new CompletedPart(n, p.etag(), p.checksumSha256())));
        u.completeSent = true;
        connection.send(alloc -> requests.complete(key, u.uploadId, parts)).whenComplete(guarded((reply, error) -> {
            if (error != null) {
                retryLater(error, this::complete);
                return;
            }
            Optional<S3Xml> doc = S3Xml.of(reply);
            boolean errorInside = doc.map(d -> d.rootName().equals("Error")).orElse(false);
            if (reply.status() == 200 && !errorInside) {
                completed(u, doc.flatMap(d -> d.text("ChecksumSHA256")).orElse(null));
            } else if (reply.status() == 404 && u.completeSent) {
                restart("CompleteMultipartUpload answered 404 " + S3Xml.error(reply));
            } else if (errorInside && doc.flatMap(d -> d.text("Code")).map(c -> c.equals("InternalError")
                    || c.equals("SlowDown")).orElse(false)) {
                retryLater(new UploadException(Kind.SERVER_ERROR, 200, "CompleteMultipartUpload failed inside its 200: "
                        + S3Xml.error(reply), null), this::complete);
            } else if (errorInside) {
                abortQuietly(u);
                fail(new UploadException(Kind.REJECTED, 200, "CompleteMultipartUpload failed: " + S3Xml.error(reply), null));
            } else {
                unexpected(reply, "CompleteMultipartUpload", this::complete);
            }
        }));
    }

    /**
     * The upload is whole. With checksums, the server's composite checksum must be the one the parts'
     * SHA-256s make (S3 "Checking object integrity": the SHA-256 of the concatenated part checksums, then
     * {@code -N}); the parts, hashed in order, tie it to the segment's bytes.
     */
    private void completed(Multipart u, String returned) {
        known.remove(key);
        int n = u.parts.size();
        if (!config.checksums()) {
            finish(n, Optional.empty(), "multipart without checksums: the server vouched for nothing", false);
            return;
        }
        MessageDigest composite = Digests.sha256();
        u.parts.values().forEach(p -> composite.update(Base64.getDecoder().decode(p.checksumSha256())));
        String expected = Digests.base64(composite.digest()) + "-" + n;
        if (returned == null || !returned.equals(expected)) {
            finish(n, Optional.empty(), "the server returned composite checksum " + returned + ", the parts make "
                    + expected, false);
        } else if (u.hashedThrough != partCount()) {
            finish(n, Optional.empty(), "the composite checksum matches, but the parts were not all hashed in order",
                    false);
        } else {
            finish(n, Optional.of(Digests.hex(u.whole.digest())), "the server returned the composite checksum "
                    + expected, false);
        }
    }

    /** The multipart upload the client knew is gone: start a new one. */
    private void restart(String why) {
        known.remove(key);
        upload = null;
        retryNow(new UploadException(Kind.REJECTED, 404, why, null), this::createMultipart);
    }

    private void unexpected(HttpReply reply, String what, Runnable retry) {
        int status = reply.status();
        UploadException e = new UploadException(status >= 500 ? Kind.SERVER_ERROR : Kind.REJECTED, status,
                what + " answered " + status + " " + S3Xml.error(reply), null);
        if (status >= 500) {
            retryLater(e, retry);
        } else if (status == 404 && upload != null) {
            restart(e.getMessage());
        } else {
            if (upload != null) {
                abortQuietly(upload);
            }
            fail(e);
        }
    }

    /** Gave up: AbortMultipartUpload, so the server frees the parts; a later upload starts afresh. */
    @Override
    protected void gaveUp() {
        if (upload != null) {
            abortQuietly(upload);
        }
    }

    private void abortQuietly(Multipart u) {
        known.remove(key);
        connection.send(alloc -> requests.abort(key, u.uploadId));
        upload = null;
    }

    private void finish(int parts, Optional<String> vouched, String basis, boolean refused) {
        complete(new S3Outcome(key, length, bytesSent, attempts(), parts, resumes, vouched, basis,
                refused));
    }

    private SourceBody body(long from, long to, List<MessageDigest> digests) {
        body = new SourceBody(reader, key, from, to, config.pieceSize(), pacer, timers, digests);
        return body;
    }

    @Override
    protected void released() {
        if (body != null) {
            body.close();
        }
        reader.close();
    }

    private static UploadException protocol(HttpReply reply, String what) {
        return new UploadException(Kind.PROTOCOL_ERROR, reply.status(), what + ": " + reply.body(), null);
    }
}
