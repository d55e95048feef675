/** Judging a run's assertions on its metrics, and a merged record's on the merged ones. */
package io.bodycam.bench.verdict;
