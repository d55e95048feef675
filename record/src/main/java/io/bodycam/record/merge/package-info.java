/** Merging the records of a sharded run into one record that reads like the unsharded run's. */
package io.bodycam.record.merge;
