package io.bodycam.sim.upload.s3.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bodycam.sim.upload.Credentials;
import io.bodycam.sim.upload.internal.Digests;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * SigV4 against the worked examples of the AWS documentation (S3 API Reference, "Examples: Signature
 * Calculations" of the Authorization header, and the General Reference's signing key example), whose
 * inputs and signatures are published there.
 */
class SigV4Test {

    private static final Credentials EXAMPLE = new Credentials("AKIAIOSFODNN7EXAMPLE",
            "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
    private static final Instant MAY_24_2013 = Instant.parse("2013-05-24T00:00:00Z");
    private static final String HOST = "examplebucket.s3.amazonaws.com";

    private final SigV4 signer = new SigV4("us-east-1", "s3");

    @Test
    void the_documented_get_object_with_a_range_is_signed_as_published() {
        FullHttpRequest r = request(HttpMethod.GET, "/test.txt");
        r.headers().set("Range", "bytes=0-9");

        signer.sign(r, EXAMPLE, MAY_24_2013, SigV4.EMPTY_SHA256);

        assertEquals("AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,"
                + "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,"
                + "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41",
                r.headers().get("Authorization"));
    }

    @Test
    void the_documented_put_object_with_a_dollar_in_its_key_is_signed_as_published() {
        FullHttpRequest r = request(HttpMethod.PUT, "/" + SigV4.encode("test$file.text", true));
        r.headers().set("Date", "Fri, 24 May 2013 00:00:00 GMT").set("x-amz-storage-class", "REDUCED_REDUNDANCY");
        String payload = Digests.hex(Digests.sha256().digest("Welcome to Amazon S3.".getBytes()));

        signer.sign(r, EXAMPLE, MAY_24_2013, payload);

        assertEquals("44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072", payload);
        assertEquals("AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,"
                + "SignedHeaders=date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class,"
                + "Signature=98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd",
                r.headers().get("Authorization"));
    }

    @Test
    void the_documented_get_bucket_lifecycle_signs_a_bare_query_parameter_as_name_equals_nothing() {
        FullHttpRequest r = request(HttpMethod.GET, "/?lifecycle");

        signer.sign(r, EXAMPLE, MAY_24_2013, SigV4.EMPTY_SHA256);

        assertEquals("fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543", signature(r));
    }

    @Test
    void the_documented_list_objects_signs_its_query_sorted() {
        FullHttpRequest r = request(HttpMethod.GET, "/?prefix=J&max-keys=2");

        signer.sign(r, EXAMPLE, MAY_24_2013, SigV4.EMPTY_SHA256);

        assertEquals("34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7", signature(r));
    }

    @Test
    void the_documented_signing_key_is_derived_from_secret_date_region_and_service() {
        byte[] key = new SigV4("us-east-1", "iam").signingKey("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "20120215");

        assertEquals("f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d", Digests.hex(key));
    }

    @Test
    void keys_are_encoded_byte_by_byte_keeping_only_unreserved_characters_and_slashes() {
        assertEquals("IPD%201/R-1/S_1.mp4~%C3%A9%2B", SigV4.encode("IPD 1/R-1/S_1.mp4~é+", true));
        assertEquals("a%2Fb", SigV4.encode("a/b", false));
    }

    private static FullHttpRequest request(HttpMethod method, String uri) {
        FullHttpRequest r = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, uri);
        r.headers().set("Host", HOST);
        return r;
    }

    private static String signature(FullHttpRequest r) {
        String auth = r.headers().get("Authorization");
        return auth.substring(auth.indexOf("Signature=") + "Signature=".length());
    }
}
