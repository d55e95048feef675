package io.bodycam.sim.simnet;

import io.bodycam.sim.firmware.FirmwareImage;
import io.bodycam.sim.firmware.FirmwareOffer;
import java.util.Optional;

/**
 * Where simulated mode's evidence server finds firmware: the offer for a camera's next config answer and the
 * images offers point at. The bench hosts the releases; {@link #NONE} hosts nothing.
 */
public interface FirmwareHost {

    /** Hosts no firmware: no offers, every image path unknown. */
    FirmwareHost NONE = new FirmwareHost() {
        @Override
        public Optional<FirmwareOffer> offerFor(String deviceId) {
            return Optional.empty();
        }

        @Override
        public Optional<FirmwareImage> image(String path) {
            return Optional.empty();
        }
    };

    /** The offer in camera {@code deviceId}'s config answer, if any. */
    Optional<FirmwareOffer> offerFor(String deviceId);

    /** The image at {@code path}, as an offer names it; empty for none (a 404). */
    Optional<FirmwareImage> image(String path);
}
