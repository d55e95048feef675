package io.bodycam.sim.video;

import java.nio.file.Path;

/**
 * A segment file as written: its length and the SHA-256 of its final bytes (what the camera announces
 * and the backend must confirm), and what it holds.
 */
public record WrittenSegment(Path file, long bytes, String sha256, int frames, long durationMillis) {
}
