/** The evidence server's Netty pipeline and request handlers; not for use outside the server. */
package io.bodycam.backend.http.internal;
