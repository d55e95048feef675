/** The Netty transport (epoll or NIO) that every camera and server of a run shares. */
package io.bodycam.sim.net;
