package io.bodycam.bench.observer.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bodycam.bench.observer.CommandAck;
import io.bodycam.bench.observer.CommandException;
import io.bodycam.bench.observer.CommandTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CommandBookTest {

    private static final Duration LONG = Duration.ofMinutes(1);

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final CommandBook book = new CommandBook(timer);

    @AfterEach
    void stop_timer() {
        timer.shutdownNow();
    }

    @Test
    void ids_are_unique() {
        assertNotEquals(book.nextId(), book.nextId());
    }

    @Test
    void an_ack_completes_the_command_with_its_id() {
        String id = book.nextId();
        CompletableFuture<CommandAck> f = book.expect(id, "IPD-0001", LONG);

        book.ack("IPD-0001", id, false, "storage full");

        CommandAck ack = f.join();
        assertEquals(id, ack.id().orElseThrow());
        assertFalse(ack.ok());
        assertEquals("storage full", ack.error().orElseThrow());
        assertEquals(1, book.roundTrip().getTotalCount(), "round trips recorded");
    }

    @Test
    void an_ack_after_the_timeout_counts_as_unmatched() {
        String id = book.nextId();
        CompletableFuture<CommandAck> f = book.expect(id, "IPD-0001", Duration.ofMillis(50));
        await().until(f::isDone);

        book.ack("IPD-0001", id, true, null);

        CompletionException e = assertThrows(CompletionException.class, f::join);
        assertInstanceOf(CommandTimeoutException.class, e.getCause());
        assertEquals(1, book.unmatched());
    }

    @Test
    void a_raw_command_takes_the_next_unmatched_ack_of_its_device() {
        String id = book.nextId();
        CompletableFuture<CommandAck> named = book.expect(id, "IPD-0001", LONG);
        CompletableFuture<CommandAck> raw = book.expectRaw("IPD-0001", LONG);

        book.ack("IPD-0002", null, false, "not JSON");
        book.ack("IPD-0001", id, true, null);
        book.ack("IPD-0001", null, false, "not JSON");

        assertTrue(named.join().ok(), "the named command got its own ack");
        assertTrue(raw.join().id().isEmpty(), "the raw command got the id-less ack");
        assertEquals(1, book.unmatched(), "the other device's ack matched nothing");
    }

    @Test
    void fail_all_fails_every_waiting_command() {
        CompletableFuture<CommandAck> named = book.expect(book.nextId(), "IPD-0001", LONG);
        CompletableFuture<CommandAck> raw = book.expectRaw("IPD-0001", LONG);

        book.failAll("observer stopped");

        for (CompletableFuture<CommandAck> f : java.util.List.of(named, raw)) {
            CompletionException e = assertThrows(CompletionException.class, f::join);
            assertEquals("observer stopped", assertInstanceOf(CommandException.class, e.getCause()).getMessage());
        }
    }
}
