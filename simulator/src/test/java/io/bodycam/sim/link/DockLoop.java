package io.bodycam.sim.link;

import io.bodycam.sim.upload.Verification;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What a docked camera's firmware does with each stored segment, as DockSession does it today: upload,
 * verify, delete when the verdict confirms the hash, otherwise try again later (here: at once, for a
 * fixed number of rounds). Against a backend that cannot prove anything this is the loop that turned
 * cameras into upload amplifiers; a link must make its repeats cost nothing on the wire.
 */
final class DockLoop {

    private final EvidenceLink link;
    private final Map<String, Verification> last = new LinkedHashMap<>();
    private final List<String> failures = new ArrayList<>();

    DockLoop(EvidenceLink link) {
        this.link = link;
    }

    /** Runs {@code rounds} rounds over every segment not yet deleted; returns the segments deleted. */
    List<TestSegment> run(List<TestSegment> segments, int rounds) throws Exception {
        List<TestSegment> left = new ArrayList<>(segments);
        List<TestSegment> deleted = new ArrayList<>();
        for (int round = 0; round < rounds && !left.isEmpty(); round++) {
            for (TestSegment s : List.copyOf(left)) {
                try {
                    link.upload(s.manifest(), s).toCompletableFuture().get(60, TimeUnit.SECONDS);
                    Verification v = link.verify(s.manifest()).toCompletableFuture().get(60, TimeUnit.SECONDS);
                    last.put(s.manifest().segmentId(), v);
                    if (v.confirms(s.sha256())) {
                        left.remove(s);
                        deleted.add(s);
                    }
                } catch (java.util.concurrent.ExecutionException e) {
                    failures.add(s.manifest().segmentId() + ": " + e.getCause());
                }
            }
        }
        return deleted;
    }

    /** The last verdict of each segment. */
    Map<String, Verification> verdicts() {
        return last;
    }

    List<String> failures() {
        return failures;
    }
}
