package io.bodycam.bench.live;

import io.bodycam.sim.state.DockPhase;
import io.bodycam.sim.state.Mode;

import java.util.Objects;

/**
 * What the map shows of one camera: its firmware mode, dock phase, last known position and whether it
 * is online and uploading. Equal states are not sent again, so implementations should round the
 * position no finer than they mean it.
 *
 * @param dockPhase null unless the camera is docked
 * @param lat       degrees, NaN while the camera has never reported a position
 * @param lon       degrees, NaN while the camera has never reported a position
 * @param online    the backend sees the camera connected
 * @param uploading docked and sending or verifying a segment, or a priority upload under way
 */
public record CameraState(String deviceId, Mode mode, DockPhase dockPhase, double lat, double lon, boolean online,
                          boolean uploading) {

    public CameraState {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(mode, "mode");
        if (dockPhase != null && mode != Mode.DOCKED) {
            throw new IllegalArgumentException("a dock phase (" + dockPhase + ") needs mode DOCKED, was " + mode);
        }
        if (Double.isNaN(lat) != Double.isNaN(lon)) {
            throw new IllegalArgumentException("lat and lon are both known or both NaN, were " + lat + ", " + lon);
        }
        if (!Double.isNaN(lat) && (Math.abs(lat) > 90 || Math.abs(lon) > 180)) {
            throw new IllegalArgumentException("position must be within ±90°, ±180°, was " + lat + ", " + lon);
        }
    }

    /** A camera switched off, offline, never located: how every camera starts. */
    public static CameraState off(String deviceId) {
        return new CameraState(deviceId, Mode.OFF, null, Double.NaN, Double.NaN, false, false);
    }

    public boolean recording() {
        return mode == Mode.RECORDING;
    }

    /** True once the camera has reported a position. */
    public boolean located() {
        return !Double.isNaN(lat);
    }

    /** The colour of its marker on the map. */
    public MarkerColour colour() {
        return MarkerColour.of(this);
    }

    public CameraState withMode(Mode m, DockPhase phase) {
        return new CameraState(deviceId, m, phase, lat, lon, online, uploading);
    }

    public CameraState withPosition(double la, double lo) {
        return new CameraState(deviceId, mode, dockPhase, la, lo, online, uploading);
    }

    public CameraState withOnline(boolean on) {
        return new CameraState(deviceId, mode, dockPhase, lat, lon, on, uploading);
    }

    public CameraState withUploading(boolean up) {
        return new CameraState(deviceId, mode, dockPhase, lat, lon, online, up);
    }
}
