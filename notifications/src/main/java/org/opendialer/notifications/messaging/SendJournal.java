package org.opendialer.notifications.messaging;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.opendialer.store.Jdbc;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable record of every send, written by group commit. A sender asks {@link #claim} (or
 * {@link #claimQueued}) right before the transport writes the message and waits for the commit; nothing is
 * written to the wire without a committed claim, and a claimed message is never sent again automatically. The
 * transport's answer goes through {@link #record}. A committer thread takes everything queued since its last
 * commit into one transaction, so concurrent senders (one per window slot) share commits instead of paying one
 * each; claims and outcomes have one committer each (an outcome always follows its own claim's commit).
 *
 * <p>What a {@code kill -9} can leave in doubt (claimed, maybe at the SMSC, answer not committed) is the sends that
 * senders hold (in the transport's window, or answered and on their way here: at most one per sender, see
 * {@code MessageSender.SEND_WORKERS}) plus the answers queued here and not yet committed. The second part is bounded
 * here, not left to the database's speed: at most {@value #MAX_UNCOMMITTED} answers wait for their commit; a sender
 * with one more waits in {@link #record} (and so claims nothing new) until a commit makes room. A slow or busy
 * database then slows the sends instead of widening what a crash leaves in doubt.
 *
 * <p>Shutdown: {@link #stopClaiming} makes every later claim answer false (nothing more goes out), the senders
 * under way record their answers, {@link #close} commits what is queued and stops the committers.
 */
final class SendJournal implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SendJournal.class);
    /** Most operations in one transaction. */
    private static final int MAX_GROUP = 2_000;
    /** A claim not committed by then is refused (a database in trouble, or a claim that raced the shutdown). */
    private static final int CLAIM_WAIT_S = 10;
    /** Transport answers queued or being committed at most; see the class comment. */
    static final int MAX_UNCOMMITTED = 100;

    private sealed interface Op permits ClaimNew, ClaimQueued, Record {
    }

    private record ClaimNew(ClaimStore.NewClaim claim, CompletableFuture<Boolean> done) implements Op {
    }

    private record ClaimQueued(UUID id, CompletableFuture<Boolean> done) implements Op {
    }

    private record Record(ClaimStore.Outcome outcome, CompletableFuture<Void> done) implements Op {
    }

    private final Jdbc jdbc;
    private final Clock clock;
    private final int node;
    private final int maxAttempts;
    private final Consumer<UUID> onReceiptApplied;
    /** Claims and outcomes commit on their own threads: a claim never waits behind the heavier outcome writes. */
    private final BlockingQueue<Op> claims = new LinkedBlockingQueue<>();
    private final BlockingQueue<Op> outcomes = new LinkedBlockingQueue<>();
    private final List<Thread> committers;
    /** One permit per answer that may wait for its commit; taken in {@link #record}, given back by its commit. */
    private final Semaphore uncommitted = new Semaphore(MAX_UNCOMMITTED);
    private volatile boolean claiming = true;
    private volatile boolean closed;

    /**
     * @param node             this node's number ({@link NodeLease}), stored on claimed rows
     * @param maxAttempts      retryable refusals before a campaign contact is FAILED
     * @param onReceiptApplied told of each message with a status webhook that a waiting receipt was applied to; runs
     *                         on a committer thread: hand long work elsewhere
     */
    SendJournal(DataSource ds, Clock clock, int node, int maxAttempts, Consumer<UUID> onReceiptApplied) {
        this.jdbc = new Jdbc(ds);
        this.clock = clock;
        this.node = node;
        this.maxAttempts = maxAttempts;
        this.onReceiptApplied = onReceiptApplied;
        this.committers = List.of(Thread.ofVirtual().name("send-journal-claims").start(() -> run(claims)),
                Thread.ofVirtual().name("send-journal-outcomes").start(() -> run(outcomes)));
    }

    /** Claims a new campaign message (inserted SUBMITTING) if its contact is still PENDING; blocks until committed. */
    boolean claim(ClaimStore.NewClaim claim) {
        if (!claiming) {
            return false;
        }
        CompletableFuture<Boolean> f = new CompletableFuture<>();
        claims.add(new ClaimNew(claim, f));
        return f.completeOnTimeout(false, CLAIM_WAIT_S, TimeUnit.SECONDS).join();
    }

    /** Claims a stored QUEUED message; blocks until committed. */
    boolean claimQueued(UUID id) {
        if (!claiming) {
            return false;
        }
        CompletableFuture<Boolean> f = new CompletableFuture<>();
        claims.add(new ClaimQueued(id, f));
        return f.completeOnTimeout(false, CLAIM_WAIT_S, TimeUnit.SECONDS).join();
    }

    /**
     * Queues the transport's answer; the future completes when it is committed. Blocks while
     * {@value #MAX_UNCOMMITTED} answers already wait for their commit.
     */
    CompletableFuture<Void> record(ClaimStore.Outcome outcome) {
        CompletableFuture<Void> f = new CompletableFuture<>();
        boolean admitted = !closed;
        if (admitted) {
            uncommitted.acquireUninterruptibly(); // the answer must be queued: an interrupt does not drop it
        }
        if (closed) { // also when the journal closed while this sender waited for room
            if (admitted) {
                uncommitted.release();
            }
            log.warn("message {}: answer '{}' came after the journal closed; the message ends UNKNOWN", outcome.messageId(),
                    outcome.status());
            f.completeExceptionally(new IllegalStateException("send journal closed"));
            return f;
        }
        outcomes.add(new Record(outcome, f));
        return f;
    }

    /** From now on every claim answers false: nothing more is handed to a transport. */
    void stopClaiming() {
        claiming = false;
    }

    boolean isClaiming() {
        return claiming;
    }

    private void run(BlockingQueue<Op> queue) {
        while (true) {
            Op first;
            try {
                first = queue.poll(50, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                first = null;
            }
            if (first == null) {
                if (closed && queue.isEmpty()) {
                    return;
                }
                continue;
            }
            List<Op> ops = new ArrayList<>();
            ops.add(first); // and whatever queued up during the previous commit
            queue.drainTo(ops, MAX_GROUP - 1);
            commit(ops);
        }
    }

    private void commit(List<Op> ops) {
        try {
            commitGroup(ops);
        } finally {
            uncommitted.release((int) ops.stream().filter(op -> op instanceof Record).count());
        }
    }

    private void commitGroup(List<Op> ops) {
        List<ClaimStore.NewClaim> fresh = new ArrayList<>();
        List<UUID> queued = new ArrayList<>();
        List<ClaimStore.Outcome> outcomes = new ArrayList<>();
        for (Op op : ops) {
            switch (op) {
                case ClaimNew c -> fresh.add(c.claim());
                case ClaimQueued c -> queued.add(c.id());
                case Record r -> outcomes.add(r.outcome());
            }
        }
        try {
            record Done(Set<UUID> fresh, Set<UUID> queued, List<Receipts.Applied> receipts) {
            }
            Done done = jdbc.tx("send journal", c -> {
                var now = clock.instant();
                List<Receipts.Applied> applied = outcomes.isEmpty() ? List.of() : ClaimStore.finish(c, outcomes, maxAttempts, now);
                return new Done(ClaimStore.claimNew(c, fresh, node, now), ClaimStore.claimQueued(c, queued, node, now), applied);
            });
            for (Op op : ops) {
                switch (op) {
                    case ClaimNew c -> c.done().complete(done.fresh().contains(c.claim().id()));
                    case ClaimQueued c -> c.done().complete(done.queued().contains(c.id()));
                    case Record r -> r.done().complete(null);
                }
            }
            done.receipts().stream().filter(Receipts.Applied::webhook).forEach(a -> onReceiptApplied.accept(a.messageId()));
        } catch (RuntimeException e) {
            // Claims refused: nothing is sent. Outcomes lost: their messages stay SUBMITTING and end UNKNOWN.
            log.warn("send journal: commit of {} operations failed: {}", ops.size(), e.toString());
            for (Op op : ops) {
                switch (op) {
                    case ClaimNew c -> c.done().complete(false);
                    case ClaimQueued c -> c.done().complete(false);
                    case Record r -> r.done().completeExceptionally(e);
                }
            }
        }
    }

    /** Stops claiming, commits what is queued, stops the committers. */
    @Override
    public void close() {
        stopClaiming();
        closed = true;
        try {
            for (Thread t : committers) {
                t.join(TimeUnit.SECONDS.toMillis(5));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
