/** What is built from a run record for people and CI: the console summary and JUnit XML. */
package io.bodycam.reports;
