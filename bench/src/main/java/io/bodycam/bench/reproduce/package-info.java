/**
 * Reproducing a failed run in simulated mode: replaying one camera of a simulated run up to a moment, and
 * shrinking a failed run to a smaller scenario that fails the same assertion (docs/reproduce.md).
 */
package io.bodycam.bench.reproduce;
