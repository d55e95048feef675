package io.bodycam.bench.scenario;

/** What a camera records: deterministic synthetic bytes, or real MP4 video (docs/video.md). */
public enum PayloadMode { SYNTHETIC, MP4 }
