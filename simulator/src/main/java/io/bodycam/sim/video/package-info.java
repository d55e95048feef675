/** Real MP4 segments: a clip library encoded once, segments remuxed with their own metadata, the video workers. */
package io.bodycam.sim.video;
