package io.bodycam.sim.replay;

/** The input log cannot be played to the camera any further: it asks for something the camera never did. */
public final class PlaybackException extends RuntimeException {

    public PlaybackException(String message) {
        super(message);
    }
}
