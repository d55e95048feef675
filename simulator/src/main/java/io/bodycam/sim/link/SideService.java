package io.bodycam.sim.link;

/**
 * One of the reference contract's HTTP side services (docs/contract/README.md, "HTTP"), each of which a
 * device profile may offer or not: time sync ({@code GET /time}), configuration
 * ({@code GET /devices/{id}/config}) and firmware ({@code GET /firmware/...}).
 */
public enum SideService {
    TIME, CONFIG, FIRMWARE
}
