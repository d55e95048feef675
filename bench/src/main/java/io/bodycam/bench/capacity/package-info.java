/** How much this machine carries: the density benchmark and the mp4 video capacity measurement. */
package io.bodycam.bench.capacity;
