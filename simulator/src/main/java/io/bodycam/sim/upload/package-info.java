/** The camera's HTTP client for the evidence backend: resumable tus uploads, verdicts, time sync and config. */
package io.bodycam.sim.upload;
