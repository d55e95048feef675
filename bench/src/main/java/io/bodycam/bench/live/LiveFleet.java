package io.bodycam.bench.live;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * A fleet as the live dashboard sees it: a running scenario, or a finished run played back from its
 * record ({@link RecordReplay}). {@link LiveServer} reads it and carries the user's actions to it.
 *
 * <p>The server calls these methods from its own worker thread, never from a Netty event loop, one call
 * at a time; they may take a little time (copy a snapshot) but should not wait on the network. The
 * roster is fixed for the life of the fleet.
 *
 * <pre>{@code
 * FleetChanges c = fleet.changesSince(0);        // every camera
 * c = fleet.changesSince(c.cursor());            // only those that changed since
 * fleet.act("IPD-0007", new CameraAction.PowerCut()).whenComplete(...);
 * }</pre>
 */
public interface LiveFleet {

    /** What the page's title says: the scenario's name, and whether it is a replay. */
    String title();

    /** Every camera, in fleet order. */
    List<RosterEntry> roster();

    /** The cameras that changed since {@code cursor}; cursor 0 gives every camera. See {@link CameraBoard}. */
    FleetChanges changesSince(long cursor);

    FleetCounters counters();

    /**
     * One camera's detail with its latest {@code events} events.
     *
     * @return fails with {@link NoSuchCameraException} for a device id not in the roster
     */
    CompletionStage<CameraDetail> detail(String deviceId, int events);

    /**
     * Carries out an action on one camera.
     *
     * @return what happened; fails with {@link NoSuchCameraException}, or {@link ActionRefusedException}
     *         with the reason when the fleet cannot do it
     */
    CompletionStage<ActionResult> act(String deviceId, CameraAction action);

    /** The time scrubber, for a replayed run; empty for a live one. */
    default Optional<ReplayControl> replay() {
        return Optional.empty();
    }
}
