/** The run record: its file names, the typed summary ({@link io.bodycam.record.Summary}) and the record opened for reading. */
package io.bodycam.record;
