package io.bodycam.bench.live.internal;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.cookie.DefaultCookie;
import io.netty.handler.codec.http.cookie.ServerCookieEncoder;
import io.netty.util.ReferenceCountUtil;

/**
 * The first handler after the HTTP codec: lets through only the requests {@link AccessRule} allows,
 * for the dashboard and for whatever is mounted behind it alike; answers the others with 401 or 403
 * and the reason, and turns a token in the address into a cookie.
 */
@ChannelHandler.Sharable
public final class AccessHandler extends ChannelInboundHandlerAdapter {

    public static final String NAME = "live-access";

    private final AccessRule rule;

    public AccessHandler(AccessRule rule) {
        this.rule = rule;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest request)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (!request.decoderResult().isSuccess()) {
            Responses.send(ctx, request, Responses.error(HttpResponseStatus.BAD_REQUEST, "malformed request"));
            ReferenceCountUtil.release(request);
            return;
        }
        AccessRule.Verdict verdict = rule.check(request);
        if (verdict instanceof AccessRule.Verdict.Allow) {
            ctx.fireChannelRead(request);
            return;
        }
        try {
            Responses.send(ctx, request, answer(verdict));
        } finally {
            ReferenceCountUtil.release(request);
        }
    }

    private static FullHttpResponse answer(AccessRule.Verdict verdict) {
        if (verdict instanceof AccessRule.Verdict.Login login) {
            FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.SEE_OTHER);
            DefaultCookie cookie = new DefaultCookie(AccessRule.COOKIE, login.cookieValue());
            cookie.setHttpOnly(true);
            cookie.setPath("/");
            cookie.setSameSite(io.netty.handler.codec.http.cookie.CookieHeaderNames.SameSite.Strict);
            r.headers().set(HttpHeaderNames.SET_COOKIE, ServerCookieEncoder.STRICT.encode(cookie));
            r.headers().set(HttpHeaderNames.LOCATION, login.location());
            r.headers().set(HttpHeaderNames.CONTENT_LENGTH, 0);
            return r;
        }
        if (verdict instanceof AccessRule.Verdict.Unauthorized u) {
            FullHttpResponse r = Responses.error(HttpResponseStatus.UNAUTHORIZED, u.reason());
            r.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer realm=\"bodycam\"");
            return r;
        }
        return Responses.error(HttpResponseStatus.FORBIDDEN, ((AccessRule.Verdict.Forbidden) verdict).reason());
    }
}
