package io.bodycam.bench.live.internal;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Who may use the dashboard. On a loopback address anyone on this machine may, unless a token is set;
 * on any other address a token is required and the server refuses to start without one. The token
 * comes as {@code Authorization: Bearer <token>}, or as the cookie the page gets by opening
 * {@code /?token=<token>} once (a browser's EventSource cannot send headers).
 *
 * <p>Also, against other web pages in the same browser: on loopback the {@code Host} must be a loopback
 * name (no DNS rebinding), a {@code POST} must carry JSON (so a form cannot post it) and, when it says
 * where it comes from, come from the page's own origin.
 */
public final class AccessRule {

    public static final String COOKIE = "bodycam_live";
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._~+/=-]{16,256}");
    private static final List<String> LOOPBACK_HOSTS = List.of("localhost", "127.0.0.1", "[::1]");

    private final byte[] token;
    private final boolean loopback;

    private AccessRule(byte[] token, boolean loopback) {
        this.token = token;
        this.loopback = loopback;
    }

    /**
     * The rule for a server bound to {@code address}.
     *
     * @param token null for none
     * @throws IllegalArgumentException when the address is not loopback and there is no token, or the
     *                                  token is too short or has characters a cookie cannot carry
     */
    public static AccessRule of(InetAddress address, String token) {
        boolean loopback = address.isLoopbackAddress();
        if (token == null) {
            if (!loopback) {
                throw new IllegalArgumentException("the dashboard binds " + address.getHostAddress()
                        + ", not a loopback address: it needs a token, or bind 127.0.0.1");
            }
            return new AccessRule(null, true);
        }
        if (!TOKEN.matcher(token).matches()) {
            throw new IllegalArgumentException("the dashboard token must be 16..256 characters of A-Z a-z 0-9 . _ ~ + / = -");
        }
        return new AccessRule(token.getBytes(StandardCharsets.US_ASCII), loopback);
    }

    public boolean needsToken() {
        return token != null;
    }

    /** What to do with a request. */
    public sealed interface Verdict {
        /** Go on. */
        record Allow() implements Verdict {
        }

        /** The token came in the address: set the cookie and send the browser to the same page without it. */
        record Login(String cookieValue, String location) implements Verdict {
        }

        /** 401: no token or a wrong one. */
        record Unauthorized(String reason) implements Verdict {
        }

        /** 403: the request does not come from the page (host, origin, content type). */
        record Forbidden(String reason) implements Verdict {
        }
    }

    public Verdict check(HttpRequest request) {
        String host = request.headers().get(HttpHeaderNames.HOST);
        if (loopback && !loopbackHost(host)) {
            return new Verdict.Forbidden("Host " + host + " is not a loopback name; open the dashboard at 127.0.0.1 or localhost");
        }
        if (request.method().equals(HttpMethod.POST)) {
            String type = request.headers().get(HttpHeaderNames.CONTENT_TYPE, "");
            if (!type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
                return new Verdict.Forbidden("a POST must carry Content-Type: application/json, was " + (type.isEmpty() ? "none" : type));
            }
            String origin = request.headers().get(HttpHeaderNames.ORIGIN);
            if (origin != null && !origin.equals("http://" + host)) {
                return new Verdict.Forbidden("a POST from origin " + origin + " is not from this dashboard (http://" + host + ")");
            }
        }
        if (token == null) {
            return new Verdict.Allow();
        }
        String bearer = request.headers().get(HttpHeaderNames.AUTHORIZATION);
        if (bearer != null) {
            return bearer.startsWith("Bearer ") && matches(bearer.substring(7)) ? new Verdict.Allow()
                    : new Verdict.Unauthorized("wrong bearer token");
        }
        QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        List<String> inQuery = uri.parameters().get("token");
        if (inQuery != null && request.method().equals(HttpMethod.GET)) {
            return matches(inQuery.get(0)) ? new Verdict.Login(inQuery.get(0), uri.rawPath())
                    : new Verdict.Unauthorized("wrong token in the address");
        }
        Optional<String> cookie = cookie(request);
        if (cookie.isPresent()) {
            return matches(cookie.get()) ? new Verdict.Allow() : new Verdict.Unauthorized("wrong token in the cookie");
        }
        return new Verdict.Unauthorized("this dashboard needs its token: open /?token=<token>, or send Authorization: Bearer <token>");
    }

    private boolean matches(String given) {
        return MessageDigest.isEqual(token, given.getBytes(StandardCharsets.UTF_8));
    }

    private static Optional<String> cookie(HttpRequest request) {
        String header = request.headers().get(HttpHeaderNames.COOKIE);
        if (header == null) {
            return Optional.empty();
        }
        return ServerCookieDecoder.STRICT.decode(header).stream().filter(c -> c.name().equals(COOKIE))
                .map(Cookie::value).findFirst();
    }

    private static boolean loopbackHost(String host) {
        if (host == null) {
            return false;
        }
        String name = host.toLowerCase(Locale.ROOT);
        int colon = name.lastIndexOf(':');
        if (colon > name.lastIndexOf(']')) {
            name = name.substring(0, colon);
        }
        return LOOPBACK_HOSTS.contains(name) || name.startsWith("127.");
    }
}
