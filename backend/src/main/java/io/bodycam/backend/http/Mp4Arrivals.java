package io.bodycam.backend.http;

import io.bodycam.sim.video.Mp4Probe;
import io.bodycam.sim.video.VideoWorkers;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The reference backend's check of mp4 evidence on arrival (docs/video.md): each upload is written to
 * {@code <folder>/<deviceId>/<segmentId>.<upload>.part} as it streams in, on a small bounded
 * {@link #disk()} pool; once complete it is probed with JavaCV on another small bounded pool (neither
 * ever on the server's event loop): an MP4 container, H.264 video, a duration within a frame of its
 * metadata, and the metadata's device id equal to the uploading device. A failure becomes a
 * {@code corrupt} verdict with the reason. A verified file is kept as
 * {@code <folder>/<deviceId>/<segmentId>.mp4} when {@code keep}, else deleted; any other is deleted.
 */
public final class Mp4Arrivals implements AutoCloseable {

    private final Path folder;
    private final boolean keep;
    private final VideoWorkers probes;
    private final VideoWorkers disk;

    /**
     * @param folder where uploads are written (created when needed)
     * @param keep   keep verified files (a human can open them from the run folder) or delete them
     */
    public Mp4Arrivals(Path folder, boolean keep) {
        this(folder, keep, new VideoWorkers(fewThreads(), 10_000));
    }

    /**
     * As above, writing uploads on {@code disk} (a test may hold its jobs: {@link VideoWorkers#manual()}).
     * A PATCH has at most one write waiting at a time, so the queue bounds the connections writing at once.
     */
    public Mp4Arrivals(Path folder, boolean keep, VideoWorkers disk) {
        this.folder = folder;
        this.keep = keep;
        this.probes = new VideoWorkers(fewThreads(), 100_000);
        this.disk = disk;
    }

    private static int fewThreads() {
        return Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()));
    }

    /** Where an upload's bytes go while it streams in. */
    public Path partFile(String deviceId, String segmentId, String uploadId) {
        return folder.resolve(safe(deviceId)).resolve(safe(segmentId) + "." + uploadId + ".part");
    }

    /** The bounded pool that opens, writes, closes and deletes the files uploads stream into. */
    public VideoWorkers disk() {
        return disk;
    }

    /** Probes a completed upload off the event loop: empty when it passes, else why not. */
    public CompletableFuture<Optional<String>> check(Path part, String uploadingDevice) {
        return probes.submit(() -> Mp4Probe.check(Mp4Probe.probe(part, false), uploadingDevice));
    }

    /** After the verdict: a verified file is kept under its segment's name (when keeping), anything else goes. */
    public void settle(Path part, String deviceId, String segmentId, boolean verified) {
        probes.submit(() -> {
            if (keep && verified) {
                Files.move(part, folder.resolve(safe(deviceId)).resolve(safe(segmentId) + ".mp4"), StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.deleteIfExists(part);
            }
            return null;
        });
    }

    /** Ids come from upload metadata: keep them to one path element. */
    private static String safe(String id) {
        return id.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    @Override
    public void close() {
        disk.close();
        probes.close();
    }
}
