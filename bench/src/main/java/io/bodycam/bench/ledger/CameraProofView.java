package io.bodycam.bench.ledger;

import io.bodycam.sim.event.CameraEvent;
import io.bodycam.sim.event.UploadCompleted;
import io.bodycam.sim.event.UploadResumed;
import io.bodycam.sim.event.UploadVerified;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The ledger's view of a foreign store that has no {@code GET /evidence} (a plain tus server, an S3
 * bucket): what the cameras proved with their profile's proof (a read-back of the stored object, hashed
 * by the camera), and how many complete copies they sent. A copy counts when an upload completed from
 * its first byte; an upload that resumed a cut one, or that the link's guard answered without sending
 * (docs/upload-protocols.md, "The rule"), is not a new copy. This is the cameras' account, not the
 * bench reading the store itself; the run says so ({@link #METHOD}, with why the store was not read back).
 */
public final class CameraProofView implements BackendView {

    /** How this view's figures were proved, for the run's summary. */
    public static final String METHOD = "the cameras' own proof (read-back or server checksum), counted from their events";

    private record Seen(String sha256, int copies) {
    }

    private final String why;
    private final Map<String, Seen> segments = new ConcurrentHashMap<>();
    /** Segments whose next completion ends a resumed (or suppressed) upload, not a new copy. */
    private final Set<String> resumed = ConcurrentHashMap.newKeySet();

    /** @param why why the figures come from the cameras and not from the store, for the summary */
    public CameraProofView(String why) {
        this.why = why;
    }

    /** The same proofs, standing in for the store for {@code reason} (a read-back that failed). */
    public CameraProofView because(String reason) {
        CameraProofView view = new CameraProofView(reason);
        view.segments.putAll(segments);
        return view;
    }

    /** Hears every camera event, on the cameras' threads. */
    public void onEvent(CameraEvent e) {
        if (e instanceof UploadResumed r) {
            resumed.add(BackendView.key(r.deviceId(), r.segmentId()));
        } else if (e instanceof UploadCompleted c) {
            String key = BackendView.key(c.deviceId(), c.segmentId());
            boolean fresh = !resumed.remove(key);
            segments.merge(key, new Seen(null, fresh ? 1 : 0), (a, b) -> new Seen(a.sha256(), a.copies() + b.copies()));
        } else if (e instanceof UploadVerified v) {
            segments.merge(BackendView.key(v.deviceId(), v.segmentId()), new Seen(v.sha256(), 0),
                    (a, b) -> new Seen(b.sha256(), a.copies()));
        }
    }

    @Override
    public Optional<Held> lookup(String deviceId, String segmentId) {
        Seen s = segments.get(BackendView.key(deviceId, segmentId));
        if (s == null) {
            return Optional.empty();
        }
        return Optional.of(new Held(s.sha256() != null, s.sha256(), Math.max(1, s.copies())));
    }

    @Override
    public Optional<Set<String>> allKeys() {
        return Optional.empty();
    }

    @Override
    public String method() {
        return METHOD + "; " + why;
    }
}
