/** The FFmpeg side of mp4 mode: encoding, packet-copy muxing, the test scene, the GPS track; not API. */
package io.bodycam.sim.video.internal;
