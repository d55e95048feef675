package io.bodycam.sim.link;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The connections a dock site has to the evidence backend, shared by its cameras: a docked camera holds
 * a slot while it talks to the backend (time and config sync, uploads, verdicts) and gives it back, with
 * its socket, when it has nothing more to send. With {@code n} slots at most {@code n} cameras of the site
 * have an upload connection open at once, the others wait their turn in arrival order; so a fleet's open
 * files stay within a budget however many cameras dock in the same minute.
 *
 * <p>Thread-safe: cameras on different event loops share one. A grant runs on the thread that freed the
 * slot (or the asking one), so the asker hands it to its own thread.
 */
public interface UploadSlots {

    /** As many slots as cameras ask for: every request is granted at once. */
    UploadSlots UNLIMITED = granted -> {
        granted.run();
        return () -> { };
    };

    /**
     * Asks for a slot; {@code granted} runs once one is the asker's, at once when one is free. The ticket
     * gives the slot back, or withdraws a request still waiting; closing it twice does nothing.
     */
    Ticket request(Runnable granted);

    /** A slot held or asked for. */
    interface Ticket {
        void close();
    }

    /** {@code slots} slots, granted first come, first served. */
    static UploadSlots bounded(int slots) {
        return new Bounded(slots);
    }

    /** {@link #bounded}'s slots. */
    final class Bounded implements UploadSlots {

        private final int slots;
        private final Deque<Waiter> waiting = new ArrayDeque<>();
        private int held;
        private int peakWaiting;

        Bounded(int slots) {
            if (slots < 1) {
                throw new IllegalArgumentException("a dock site needs at least 1 upload connection, was " + slots);
            }
            this.slots = slots;
        }

        @Override
        public Ticket request(Runnable granted) {
            Waiter w = new Waiter(granted);
            synchronized (this) {
                if (held < slots) {
                    held++;
                    w.holds = true;
                } else {
                    waiting.add(w);
                    peakWaiting = Math.max(peakWaiting, waiting.size());
                    return w;
                }
            }
            granted.run();
            return w;
        }

        /** How many slots there are. */
        public int slots() {
            return slots;
        }

        /** Slots held now. */
        public synchronized int held() {
            return held;
        }

        /** The most cameras that waited for a slot at once. */
        public synchronized int peakWaiting() {
            return peakWaiting;
        }

        private final class Waiter implements Ticket {
            private final Runnable granted;
            /** Guarded by the enclosing {@code Bounded}. */
            private boolean holds;
            private boolean closed;

            Waiter(Runnable granted) {
                this.granted = granted;
            }

            @Override
            public void close() {
                Waiter next;
                synchronized (Bounded.this) {
                    if (closed) {
                        return;
                    }
                    closed = true;
                    if (!holds) {
                        waiting.remove(this);
                        return;
                    }
                    holds = false;
                    next = waiting.poll();
                    if (next == null) {
                        held--;
                        return;
                    }
                    next.holds = true;
                }
                next.granted.run();
            }
        }
    }
}
