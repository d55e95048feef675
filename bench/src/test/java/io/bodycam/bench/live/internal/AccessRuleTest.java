package io.bodycam.bench.live.internal;

import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.UnknownHostException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AccessRuleTest {

    private static final String TOKEN = "s3cret-token-0123456789";

    private static InetAddress address(String a) throws UnknownHostException {
        return InetAddress.getByName(a);
    }

    private static FullHttpRequest get(String uri, String host) {
        FullHttpRequest r = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, uri);
        r.headers().set(HttpHeaderNames.HOST, host);
        return r;
    }

    private static FullHttpRequest post(String host, String contentType) {
        FullHttpRequest r = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/api/cameras/A/actions");
        r.headers().set(HttpHeaderNames.HOST, host);
        if (contentType != null) {
            r.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        }
        return r;
    }

    @Test
    void loopback_needs_no_token() throws Exception {
        AccessRule rule = AccessRule.of(address("127.0.0.1"), null);
        assertInstanceOf(AccessRule.Verdict.Allow.class, rule.check(get("/", "127.0.0.1:8480")));
        assertInstanceOf(AccessRule.Verdict.Allow.class, rule.check(get("/", "localhost:8480")));
    }

    @Test
    void any_other_address_without_a_token_is_refused_at_start() throws Exception {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AccessRule.of(address("0.0.0.0"), null));
        assertTrue(e.getMessage().contains("needs a token"), e.getMessage());
    }

    @Test
    void a_short_token_is_refused() throws Exception {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AccessRule.of(address("0.0.0.0"), "short"));
        assertTrue(e.getMessage().contains("16..256"), e.getMessage());
    }

    @Test
    void with_a_token_a_request_without_it_is_unauthorized_and_with_it_allowed() throws Exception {
        AccessRule rule = AccessRule.of(address("0.0.0.0"), TOKEN);
        assertInstanceOf(AccessRule.Verdict.Unauthorized.class, rule.check(get("/api/fleet", "10.0.0.5:8480")));
        FullHttpRequest wrong = get("/api/fleet", "10.0.0.5:8480");
        wrong.headers().set(HttpHeaderNames.AUTHORIZATION, "Bearer not-the-token-at-all");
        assertInstanceOf(AccessRule.Verdict.Unauthorized.class, rule.check(wrong));
        FullHttpRequest right = get("/api/fleet", "10.0.0.5:8480");
        right.headers().set(HttpHeaderNames.AUTHORIZATION, "Bearer " + TOKEN);
        assertInstanceOf(AccessRule.Verdict.Allow.class, rule.check(right));
    }

    @Test
    void the_token_in_the_address_becomes_a_cookie_that_is_then_accepted() throws Exception {
        AccessRule rule = AccessRule.of(address("0.0.0.0"), TOKEN);
        AccessRule.Verdict v = rule.check(get("/?token=" + TOKEN, "10.0.0.5:8480"));
        AccessRule.Verdict.Login login = assertInstanceOf(AccessRule.Verdict.Login.class, v);
        assertEquals("/", login.location());
        FullHttpRequest withCookie = get("/api/events", "10.0.0.5:8480");
        withCookie.headers().set(HttpHeaderNames.COOKIE, AccessRule.COOKIE + "=" + login.cookieValue());
        assertInstanceOf(AccessRule.Verdict.Allow.class, rule.check(withCookie));
    }

    @Test
    void on_loopback_a_foreign_host_name_is_forbidden() throws Exception {
        AccessRule rule = AccessRule.of(address("127.0.0.1"), null);
        AccessRule.Verdict v = rule.check(get("/", "evil.example:8480"));
        assertTrue(((AccessRule.Verdict.Forbidden) v).reason().contains("not a loopback name"), v.toString());
    }

    @Test
    void a_post_must_be_json_from_the_page_itself() throws Exception {
        AccessRule rule = AccessRule.of(address("127.0.0.1"), null);
        assertInstanceOf(AccessRule.Verdict.Forbidden.class, rule.check(post("127.0.0.1:8480", "text/plain")));
        FullHttpRequest foreign = post("127.0.0.1:8480", "application/json");
        foreign.headers().set(HttpHeaderNames.ORIGIN, "http://evil.example");
        assertInstanceOf(AccessRule.Verdict.Forbidden.class, rule.check(foreign));
        FullHttpRequest own = post("127.0.0.1:8480", "application/json");
        own.headers().set(HttpHeaderNames.ORIGIN, "http://127.0.0.1:8480");
        assertInstanceOf(AccessRule.Verdict.Allow.class, rule.check(own));
    }
}
