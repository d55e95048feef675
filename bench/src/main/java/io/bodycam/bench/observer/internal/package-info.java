/** The observer's connection and bookkeeping; not for use outside the observer. */
package io.bodycam.bench.observer.internal;
