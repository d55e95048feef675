package io.bodycam.sim.video;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a fleet films mp4 with: the {@link ClipLibrary} of its format, the {@link VideoWorkers} every
 * camera shares, and the folder that holds the cameras' cards ({@code <cards>/<deviceId>/}). The
 * studio owns that folder: {@link #close} stops the workers, frees the clips and deletes the cards.
 *
 * <pre>{@code
 * try (Mp4Studio studio = Mp4Studio.open(VideoFormat.defaults(), ClipLibrary.defaultCache(), runDir.resolve("cards"),
 *                                        VideoWorkers.perCore())) {
 *     SegmentCard card = studio.card("CAM-0001");    // give it to the camera
 * }
 * }</pre>
 */
public final class Mp4Studio implements AutoCloseable {

    private final VideoFormat format;
    private final ClipLibrary library;
    private final SegmentWriter writer;
    private final VideoWorkers workers;
    private final Path cards;

    private Mp4Studio(VideoFormat format, ClipLibrary library, VideoWorkers workers, Path cards) {
        this.format = format;
        this.library = library;
        this.writer = new SegmentWriter(library, format);
        this.workers = workers;
        this.cards = cards;
    }

    /** Opens (rendering if needed) the clip library and takes the workers and the cards folder over. */
    public static Mp4Studio open(VideoFormat format, Path clipCache, Path cards, VideoWorkers workers) throws IOException {
        ClipLibrary library = ClipLibrary.open(clipCache, new VideoFormat(format.resolution(), format.bitsPerSecond(), false, false));
        try {
            Files.createDirectories(cards);
        } catch (IOException e) {
            library.close();
            throw e;
        }
        return new Mp4Studio(format, library, workers, cards);
    }

    /** The card of one camera. */
    public SegmentCard card(String deviceId) {
        return new SegmentCard(cards.resolve(deviceId), writer, workers);
    }

    public VideoFormat format() {
        return format;
    }

    public ClipLibrary library() {
        return library;
    }

    public VideoWorkers workers() {
        return workers;
    }

    @Override
    public void close() {
        workers.close();
        library.close();
        SegmentCard.wipe(cards);
    }
}
