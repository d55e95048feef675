/** Running a scenario end to end: the runner and its steps, the progress line, the end-of-run record files. */
package io.bodycam.bench.run;
