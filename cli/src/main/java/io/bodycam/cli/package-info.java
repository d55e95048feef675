/** The bodycam command line on top of the bench, the backend and the reports. */
package io.bodycam.cli;
