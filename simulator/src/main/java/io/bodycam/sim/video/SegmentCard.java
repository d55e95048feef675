package io.bodycam.sim.video;

import io.bodycam.sim.recording.SegmentSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One camera's card in mp4 mode: a folder of segment files, written and deleted on the
 * {@link VideoWorkers}. A segment is written to {@code <segmentId>.mp4.part} and renamed to
 * {@code <segmentId>.mp4} once complete, so a {@code .part} file on the card is always one a power cut
 * interrupted; {@link #recover()} finds those after the firmware restarts, probes them and removes
 * them (CAST: keep the recording up to its last complete segment [S43]).
 *
 * <p>Completions arrive on a worker thread; the camera hops back to its own.
 */
public final class SegmentCard {

    static final String PART = ".mp4.part";

    /** What recovery found of a file a power cut interrupted. */
    public record Leftover(String segmentId, long bytes, String probe) {
    }

    private final Path folder;
    private final SegmentWriter writer;
    private final VideoWorkers workers;
    private final Set<CompletableFuture<?>> pending = ConcurrentHashMap.newKeySet();

    public SegmentCard(Path folder, SegmentWriter writer, VideoWorkers workers) {
        this.folder = folder;
        this.writer = writer;
        this.workers = workers;
    }

    /** The file of a complete segment. */
    public Path file(String segmentId) {
        return folder.resolve(segmentId + ".mp4");
    }

    /** Writes the segment's file; completes with its length and SHA-256 once it is complete on the card. */
    public CompletableFuture<WrittenSegment> write(SegmentSpec spec) {
        return track(workers.submit(() -> {
            Files.createDirectories(folder);
            Path part = folder.resolve(spec.segmentId() + PART);
            WrittenSegment w = writer.write(spec, part);
            Path done = file(spec.segmentId());
            Files.move(part, done, StandardCopyOption.REPLACE_EXISTING);
            return new WrittenSegment(done, w.bytes(), w.sha256(), w.frames(), w.durationMillis());
        }));
    }

    /** Leaves what a power cut makes of the open segment: its media data without the index. */
    public CompletableFuture<Void> cut(SegmentSpec spec) {
        return track(workers.submit(() -> {
            Files.createDirectories(folder);
            writer.writeTruncated(spec, folder.resolve(spec.segmentId() + PART));
            return null;
        }));
    }

    /**
     * After every file in progress is finished: probes each interrupted ({@code .part}) file, deletes it
     * and says what it was (a truncated one with the probe's reason). Its segment was never announced,
     * so the recording ends with its last complete segment.
     */
    public CompletableFuture<List<Leftover>> recover() {
        CompletableFuture<?>[] running = pending.toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(running).handle((v, e) -> null)
                .thenCompose(v -> workers.submit(this::scan));
    }

    private List<Leftover> scan() throws IOException {
        List<Leftover> found = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return found;
        }
        try (DirectoryStream<Path> parts = Files.newDirectoryStream(folder, "*" + PART)) {
            for (Path p : parts) {
                String name = p.getFileName().toString();
                String id = name.substring(0, name.length() - PART.length());
                Mp4Probe.Report r = Mp4Probe.probe(p, false);
                found.add(new Leftover(id, r.bytes(), r.opened() ? "complete but never announced" : r.openError()));
                Files.deleteIfExists(p);
            }
        }
        found.sort(java.util.Comparator.comparing(Leftover::segmentId));
        return found;
    }

    /** The stored copy of a segment, for upload: read by range on the video workers. */
    public SegmentSource source(String segmentId, long bytes, boolean damaged) {
        return new FileSegmentSource(file(segmentId), bytes, damaged, workers);
    }

    /** The SHA-256 of a segment's file as it reads now, hashed on the workers (a file is too big for an event loop). */
    public CompletableFuture<String> sha256(String segmentId, long bytes, boolean damaged) {
        return track(workers.submit(() -> source(segmentId, bytes, damaged).sha256()));
    }

    /** Deletes a segment's file (after the backend verified it). */
    public CompletableFuture<Void> delete(String segmentId) {
        return track(workers.submit(() -> {
            Files.deleteIfExists(file(segmentId));
            return null;
        }));
    }

    private <T> CompletableFuture<T> track(CompletableFuture<T> f) {
        pending.add(f);
        f.whenComplete((v, e) -> pending.remove(f));
        return f;
    }

    /** Deletes the card's folder and everything in it. */
    public static void wipe(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (var walk = Files.walk(folder)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + folder + ": " + e.getMessage(), e);
        }
    }
}
