package io.bodycam.bench.timeline;

import io.bodycam.bench.fleet.FleetMember;
import io.bodycam.backend.http.FirmwareReleases;
import io.bodycam.bench.scenario.Scenario;
import io.bodycam.bench.scenario.TimelineEvent;
import io.bodycam.sim.firmware.FirmwareOffer;

import java.util.Optional;

/**
 * Carries a timeline's {@code firmwareRollout} out against the embedded backend: releases the image
 * (its size times the run's payload scale, as segments are scaled), makes each selected camera's offer
 * (genuine, or a bad image for the negative path), puts it in the camera's config answer for its next
 * dock and sends it as an {@code updateFirmware} command. Runs on the bench's command thread, never on
 * a camera's event loop (hashing a release reads the whole image once).
 */
public final class FirmwareRollouts {

    private final FirmwareReleases releases;
    private final double payloadScale;

    public FirmwareRollouts(FirmwareReleases releases, double payloadScale) {
        this.releases = releases;
        this.payloadScale = payloadScale;
    }

    /** Why a valid scenario's rollouts cannot be carried out, if they cannot. */
    public static Optional<String> refusal(Scenario scenario) {
        if (!scenario.backend().embedded() && scenario.timeline().stream().anyMatch(e -> e.action() instanceof TimelineEvent.FirmwareRollout)) {
            return Optional.of("firmwareRollout needs the embedded backend: it releases, signs and serves the images "
                    + "(an external backend offers firmware itself; send updateFirmware with a command action)");
        }
        return Optional.empty();
    }

    /** The offer for one camera; the window starts at {@code windowStart} (virtual epoch ms). */
    public FirmwareOffer offer(FleetMember member, TimelineEvent.FirmwareRollout rollout, long windowStart) {
        long size = Math.max(1, Math.round(rollout.size() * payloadScale));
        releases.publish(rollout.version(), size);
        FirmwareOffer offer = releases.offer(rollout.version(), FirmwareReleases.Image.valueOf(rollout.image().name()),
                windowStart, windowStart + rollout.window().toMillis());
        releases.offerTo(member.camera().deviceId(), offer);
        return offer;
    }
}
