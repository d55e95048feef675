/** The self-contained HTML report of a run, and the comparison of two runs. */
package io.bodycam.reports.html;
