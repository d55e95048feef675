package io.bodycam.bench.faults.internal;

import io.netty.buffer.ByteBuf;

/**
 * A unit of one direction's traffic on its way through the toxics: bytes, or a marker, due to be
 * written at a wall time ({@link System#nanoTime()} scale).
 *
 * @param data null for a marker
 */
record Piece(ByteBuf data, long due, Marker marker) {

    /** What a piece without bytes means. */
    enum Marker {
        /** Ordinary bytes. */
        NONE,
        /** The source side closed: close the target once everything before has been written. */
        END,
        /** A toxic closes the whole connection once everything before has been written. */
        CLOSE
    }

    static Piece data(ByteBuf data, long due) {
        return new Piece(data, due, Marker.NONE);
    }

    static Piece marker(Marker marker, long due) {
        return new Piece(null, due, marker);
    }

    Piece at(long newDue) {
        return new Piece(data, newDue, marker);
    }

    boolean isData() {
        return marker == Marker.NONE;
    }

    int size() {
        return data == null ? 0 : data.readableBytes();
    }

    void release() {
        if (data != null) {
            data.release();
        }
    }
}
