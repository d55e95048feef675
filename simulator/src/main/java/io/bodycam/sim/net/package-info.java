/** What cameras and servers share on the network: the Netty transport (epoll or NIO) and request paths. */
package io.bodycam.sim.net;
