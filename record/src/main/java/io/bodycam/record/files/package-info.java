/** The record's files besides the summary, each read and written in one place: time series, latency logs, GPS tracks, roster, evidence ledger, problems. */
package io.bodycam.record.files;
