/** Shrinking a failed run: a search, in simulated mode, for a smaller scenario that fails the same assertion. */
package io.bodycam.bench.shrink;
