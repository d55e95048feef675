package io.bodycam.sim.upload.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The requests the camera writes, checked as bytes on the wire. */
class TusRequestsTest {

    private final TusRequests requests = new TusRequests(URI.create("http://127.0.0.1:8080"));

    @Test
    void metadata_is_comma_separated_keys_with_base64_values_and_an_empty_value_has_no_space() {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("deviceId", "IPD-0001");
        metadata.put("officer", "");
        metadata.put("filename", "é.mp4");

        assertEquals("deviceId SVBELTAwMDE=,officer,filename w6kubXA0", TusRequests.encodeMetadata(metadata));
    }

    @Test
    void creation_is_an_empty_post_to_files_with_length_metadata_and_tus_resumable() {
        String wire = encode(requests.creation(1234, "deviceId SVBELTAwMDE="));

        assertEquals("POST /files/ HTTP/1.1\r\n"
                + "host: 127.0.0.1:8080\r\n"
                + "user-agent: bodycam-sim\r\n"
                + "content-length: 0\r\n"
                + "Tus-Resumable: 1.0.0\r\n"
                + "Upload-Length: 1234\r\n"
                + "Upload-Metadata: deviceId SVBELTAwMDE=\r\n\r\n", wire);
    }

    @Test
    void a_chunk_is_a_patch_with_offset_content_type_checksum_and_the_body() {
        ByteBuf body = Unpooled.copiedBuffer("hello", StandardCharsets.US_ASCII);

        String wire = encode(requests.chunk(URI.create("http://127.0.0.1:8080/files/abc"), 10, body, "sha256 c2hh"));

        assertTrue(wire.startsWith("PATCH /files/abc HTTP/1.1\r\n"), wire);
        assertTrue(wire.contains("content-length: 5\r\n"), wire);
        assertTrue(wire.contains("Upload-Offset: 10\r\n"), wire);
        assertTrue(wire.contains("content-type: application/offset+octet-stream\r\n"), wire);
        assertTrue(wire.contains("Upload-Checksum: sha256 c2hh\r\n"), wire);
        assertTrue(wire.endsWith("\r\n\r\nhello"), wire);
    }

    @Test
    void a_chunk_for_a_server_without_the_checksum_extension_carries_no_upload_checksum() {
        ByteBuf body = Unpooled.copiedBuffer("hello", StandardCharsets.US_ASCII);

        String wire = encode(requests.chunk(URI.create("http://127.0.0.1:8080/files/abc"), 0, body, null));

        assertFalse(wire.contains("Upload-Checksum"), wire);
    }

    @Test
    void contract_gets_percent_encode_their_path_segments() {
        String wire = encode(requests.get("evidence", "IPD 1", "S/1"));

        assertTrue(wire.startsWith("GET /evidence/IPD%201/S%2F1 HTTP/1.1\r\n"), wire);
    }

    @Test
    void a_relative_location_resolves_against_the_creation_url() {
        assertEquals(URI.create("http://127.0.0.1:8080/files/abc"), requests.creationUrl().resolve("abc"));
        assertEquals(URI.create("http://127.0.0.1:8080/files/abc"), requests.creationUrl().resolve("/files/abc"));
    }

    private static String encode(Object request) {
        EmbeddedChannel channel = new EmbeddedChannel(new HttpClientCodec());
        channel.writeOutbound(request);
        StringBuilder wire = new StringBuilder();
        ByteBuf out;
        while ((out = channel.readOutbound()) != null) {
            wire.append(out.toString(StandardCharsets.UTF_8));
            out.release();
        }
        channel.finishAndReleaseAll();
        return wire.toString();
    }
}
