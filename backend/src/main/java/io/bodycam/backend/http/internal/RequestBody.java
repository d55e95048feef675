package io.bodycam.backend.http.internal;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.FullHttpResponse;

/**
 * What the server does with one request once its head has been routed: read the body (a PATCH
 * chunk is hashed piece by piece as it streams in; other bodies are drained and dropped) and answer
 * when it ends. An answer returned before the end is sent at once and the connection is closed.
 */
interface RequestBody {

    /** An answer to send before any body is read (the connection then closes), or null to read it. */
    FullHttpResponse immediate();

    /** Takes the next piece of the body; returns an answer to send at once (then close), or null. */
    FullHttpResponse accept(ByteBuf piece);

    /** The body ended: the answer, at once or once the upload's verdict is booked (an mp4 checked on arrival). */
    java.util.concurrent.CompletionStage<FullHttpResponse> finish();

    /** The connection broke before the body ended: nothing of it is kept. */
    void abort();

    /**
     * The bytes that follow the answer {@link #finish()} gave, streamed from a stored file (a read-back), or
     * null when that answer is whole, as most are. Asked once the answer is there.
     */
    default FileAnswer.Tail tail() {
        return null;
    }
}
