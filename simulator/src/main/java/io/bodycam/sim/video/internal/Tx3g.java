package io.bodycam.sim.video.internal;

/**
 * The 3GPP timed text sample description (TS 26.245, 5.16 "TextSampleEntry") the GPS track declares:
 * no display flags, centred at the bottom, transparent background, one style (font 1, 18 px, white)
 * and a font table naming a sans-serif font. The same bytes FFmpeg's own mov_text encoder writes.
 */
final class Tx3g {

    static final byte[] SAMPLE_ENTRY = {
            0, 0, 0, 0,                 // displayFlags
            1,                          // horizontal-justification: centre
            (byte) 0xFF,                // vertical-justification: bottom
            0, 0, 0, 0,                 // background-color-rgba
            0, 0, 0, 0, 0, 0, 0, 0,     // BoxRecord: top, left, bottom, right
            0, 0, 0, 0,                 // StyleRecord: startChar, endChar
            0, 1,                       // font-ID
            0,                          // face-style-flags
            0x12,                       // font-size
            (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, // text-color-rgba
            0, 0, 0, 0x12, 'f', 't', 'a', 'b', // FontTableBox, 18 bytes
            0, 1,                       // entry-count
            0, 1,                       // font-ID
            5, 'S', 'e', 'r', 'i', 'f'  // font-name
    };

    private Tx3g() {
    }
}
