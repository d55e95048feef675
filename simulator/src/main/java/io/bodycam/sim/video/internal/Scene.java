package io.bodycam.sim.video.internal;

import java.awt.AlphaComposite;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The moving test scene every clip shows: a street at dusk panning past (buildings in two layers, a
 * car, a walking figure), sensor grain, and a dark band at the bottom, the overlay area, where a real
 * camera burns in its id, clock and position. Drawn with Java2D into one reused BGR image, so a frame
 * costs a few milliseconds and no garbage but the text.
 *
 * <p>The grain matters: without it the encoder needs a fraction of the target bitrate and files would
 * be far smaller than a body camera's (~1.8 GB/h at 720p [S57], docs/domain.md#recording).
 */
public final class Scene {

    private static final int NOISE = 1 << 20;

    private final int width;
    private final int height;
    private final int variant;
    private final BufferedImage image;
    private final byte[] pixels;
    private final byte[] noise = new byte[NOISE];
    private final float[] buildingHeights = new float[64];
    private final Color[] buildingColours = new Color[64];
    private final Font bandFont;
    private final Font smallFont;

    /** @param variant which of the library's scenes (its colours, speeds and skyline) */
    public Scene(int width, int height, int variant) {
        this.width = width;
        this.height = height;
        this.variant = variant;
        this.image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        this.pixels = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        SplittableRandom random = new SplittableRandom(0xB0D7CA3L + variant);
        for (int i = 0; i < NOISE; i++) {
            noise[i] = (byte) (random.nextInt(25) - 12);
        }
        for (int i = 0; i < buildingHeights.length; i++) {
            buildingHeights[i] = 0.25f + 0.45f * (float) random.nextDouble();
            float hue = (float) ((variant * 0.17 + random.nextDouble() * 0.12) % 1.0);
            buildingColours[i] = Color.getHSBColor(hue, 0.25f, 0.25f + 0.35f * (float) random.nextDouble());
        }
        this.bandFont = new Font(Font.MONOSPACED, Font.BOLD, Math.max(12, height / 26));
        this.smallFont = new Font(Font.SANS_SERIF, Font.PLAIN, Math.max(10, height / 40));
    }

    /** Height of the overlay band at the bottom of the picture. */
    public int bandHeight() {
        return height / 8;
    }

    /**
     * Draws frame {@code frame} of the scene with {@code lines} in the overlay band (empty: the band
     * says it is a template), adds grain when asked, and returns the image (reused by the next call).
     */
    public BufferedImage frame(int frame, List<String> lines, boolean grain) {
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            drawStreet(g, frame);
            drawBand(g, frame, lines);
        } finally {
            g.dispose();
        }
        if (grain) {
            addGrain(frame);
        }
        return image;
    }

    private void drawStreet(Graphics2D g, int frame) {
        float hue = (variant * 0.21f) % 1f;
        g.setPaint(new GradientPaint(0, 0, Color.getHSBColor(hue, 0.5f, 0.55f), 0, height * 0.6f,
                Color.getHSBColor((hue + 0.08f) % 1f, 0.35f, 0.85f)));
        g.fillRect(0, 0, width, height);
        double speed = 2.0 + variant;
        drawSkyline(g, frame * speed * 0.4, 0.55f, 0);
        drawSkyline(g, frame * speed, 0.75f, 32);
        int roadTop = (int) (height * 0.72);
        g.setColor(new Color(48, 48, 52));
        g.fillRect(0, roadTop, width, height - roadTop);
        g.setColor(new Color(220, 210, 120));
        g.setStroke(new BasicStroke(Math.max(2, height / 120f)));
        int dash = width / 10;
        int shift = (int) (frame * speed * 2) % (dash * 2);
        for (int x = -shift; x < width; x += dash * 2) {
            g.drawLine(x, roadTop + (height - roadTop) / 3, x + dash, roadTop + (height - roadTop) / 3);
        }
        int carX = (int) ((frame * speed * 3 + variant * 200) % (width + 300)) - 300;
        g.setColor(Color.getHSBColor((hue + 0.5f) % 1f, 0.7f, 0.8f));
        g.fillRoundRect(carX, roadTop - height / 40, width / 6, height / 12, 20, 20);
        g.setColor(Color.BLACK);
        g.fillOval(carX + width / 40, roadTop + height / 30, height / 20, height / 20);
        g.fillOval(carX + width / 6 - width / 20, roadTop + height / 30, height / 20, height / 20);
        int walkerX = width - (int) ((frame * 1.5 + variant * 97) % (width + 100));
        int bob = (int) (Math.sin(frame / 4.0) * height / 150);
        g.setColor(new Color(30, 30, 40));
        g.fillOval(walkerX, roadTop - height / 6 + bob, height / 30, height / 30);
        g.fillRect(walkerX, roadTop - height / 7 + bob, height / 30, height / 10);
    }

    private void drawSkyline(Graphics2D g, double offset, float baseline, int colourOffset) {
        int w = width / 12;
        int first = (int) Math.floor(offset / w);
        int base = (int) (height * baseline);
        for (int i = -1; i <= width / w + 1; i++) {
            int k = Math.floorMod(first + i, 32);
            int x = (int) ((first + i) * (double) w - offset);
            int h = (int) (buildingHeights[k + colourOffset] * height * 0.5);
            g.setColor(buildingColours[k + colourOffset]);
            g.fillRect(x, base - h, w - 4, h + height / 4);
            g.setColor(new Color(255, 230, 150));
            for (int wy = base - h + 8; wy < base - 8; wy += height / 30) {
                for (int wx = x + 6; wx < x + w - 10; wx += w / 4) {
                    if (((wx / 7 + wy / 5 + k) & 3) == 0) {
                        g.fillRect(wx, wy, w / 10, height / 60);
                    }
                }
            }
        }
    }

    private void drawBand(Graphics2D g, int frame, List<String> lines) {
        int band = bandHeight();
        g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, 0.8f));
        g.setColor(Color.BLACK);
        g.fillRect(0, height - band, width, band);
        g.setComposite(AlphaComposite.SrcOver);
        if (lines.isEmpty()) {
            g.setColor(new Color(160, 160, 160));
            g.setFont(smallFont);
            g.drawString("bodycam-bench test scene " + variant + "  -  frame " + frame
                    + "  -  camera, clock and GPS: see the metadata and the subtitle track", width / 40, height - band / 2);
            return;
        }
        g.setColor(Color.WHITE);
        g.setFont(bandFont);
        int lineHeight = band / (lines.size() + 1);
        for (int i = 0; i < lines.size(); i++) {
            g.drawString(lines.get(i), width / 40, height - band + lineHeight * (i + 1) + lineHeight / 3);
        }
    }

    private void addGrain(int frame) {
        int off = (int) ((frame * 0x9E3779B1L) & (NOISE - 1));
        byte[] p = pixels;
        byte[] n = noise;
        for (int i = 0; i < p.length; i++) {
            int v = (p[i] & 0xFF) + n[(i + off) & (NOISE - 1)];
            p[i] = (byte) (v < 0 ? 0 : Math.min(v, 255));
        }
    }
}
