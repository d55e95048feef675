package io.bodycam.sim.mqtt.internal;

/** What the handlers of one connection attempt tell the connection that owns it. Called on its event loop. */
public interface ConnectionEvents {

    /** The broker accepted the CONNECT; the session has already re-sent and subscribed. */
    void connected(boolean sessionPresent);

    /** Why the channel is about to close; the first reason given for an attempt is the one reported. */
    void failing(String reason);
}
