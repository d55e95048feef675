/**
 * The observer's connection and bookkeeping; not for use outside the observer. Links to a real broker
 * ({@link io.bodycam.bench.observer.internal.NettyObserverLink} with its Netty handlers, and the Paho
 * {@link io.bodycam.bench.observer.internal.ObserverConnection}) stamp each message's arrival on their network
 * thread and hand it to one {@link io.bodycam.bench.observer.internal.HandlingThread}, which gives it to the
 * {@link io.bodycam.bench.observer.internal.MessageHandler}.
 */
package io.bodycam.bench.observer.internal;
