package io.bodycam.bench.conform;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * What a case works with: the target, its HTTP client, and names no other case or run uses (the kit may
 * run twice against one backend, so device and segment ids carry a run tag).
 */
public final class Probe {

    private final Target target;
    private final Http http;
    private final String tag;
    private final SplittableRandom random;
    private int next;

    Probe(Target target, long seed) {
        this.target = target;
        this.http = new Http(target.upload());
        this.random = new SplittableRandom(seed);
        this.tag = Long.toString(random.nextLong() & 0xFFFFFFL, 36).toUpperCase(Locale.ROOT);
    }

    public Target target() {
        return target;
    }

    Http http() {
        return http;
    }

    /** A device id of the kit's own, fresh for each call. */
    String deviceId() {
        return "CONF-" + tag + "-" + (++next);
    }

    byte[] bytes(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) random.nextInt(256);
        }
        return b;
    }
}
