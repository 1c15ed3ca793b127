package io.fhirguard.audit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands events to another sink on one background thread through a bounded queue, so a slow
 * destination does not hold up requests.
 *
 * <p>When the queue is full, the {@link Overflow} policy decides:
 * <ul>
 *   <li>{@link Overflow#WAIT} (default): the caller waits up to {@link Builder#waitTimeout}; if
 *       there is still no room, {@link #record} throws {@link AuditException}, so the request is
 *       refused rather than served unaudited, and {@link #rejected()} counts it;</li>
 *   <li>{@link Overflow#DROP}: the event is dropped at once and {@link #dropped()} counts it;
 *       the first drop is logged at ERROR at once, later drops in a summary at ERROR by the
 *       background thread.</li>
 * </ul>
 * A failure of the delegate is counted in {@link #failed()} and logged at ERROR; the thread goes
 * on with the next event. No event is lost without being counted: every event passed to
 * {@code record} ends up delivered, dropped, rejected or failed.
 *
 * <p>{@link #close()} stops intake, delivers everything queued (up to
 * {@link Builder#closeTimeout}), then closes the delegate; events still queued after the timeout
 * are counted as dropped and reported. By default a JVM shutdown hook closes the sink.
 * Thread-safe. Defaults: capacity 10,000 events; wait timeout 1 second; close timeout 10
 * seconds.
 *
 * @since 1.0
 */
public final class AsyncAuditSink implements AuditSink {
    private static final Logger log = LoggerFactory.getLogger(AsyncAuditSink.class);

    /**
     * What {@link #record} does when the queue is full.
     *
     * @since 1.0
     */
    public enum Overflow {
        /** Wait up to the wait timeout, then throw {@link AuditException}. */
        WAIT,
        /** Drop the event, count it, and report drops at ERROR. */
        DROP
    }

    private final AuditSink delegate;
    private final BlockingQueue<AuditEvent> queue;
    private final Overflow overflow;
    private final Duration waitTimeout;
    private final Duration closeTimeout;
    private final Thread worker;
    private final Thread shutdownHook;
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong unreportedDrops = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    // Callers hold the read lock from the closing check to the offer; close takes the write
    // lock, so no event can slip into the queue after the worker's last look at it.
    private final ReadWriteLock intake = new ReentrantReadWriteLock();
    private volatile boolean closing;

    private AsyncAuditSink(Builder b) {
        this.delegate = b.delegate;
        this.queue = new ArrayBlockingQueue<>(b.capacity);
        this.overflow = b.overflow;
        this.waitTimeout = b.waitTimeout;
        this.closeTimeout = b.closeTimeout;
        this.worker = new Thread(this::run, "fhirguard-audit");
        this.worker.setDaemon(true);
        this.worker.start();
        this.shutdownHook = b.closeOnShutdown ? new Thread(this::close, "fhirguard-audit-close")
                : null;
        if (shutdownHook != null) {
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        }
    }

    /**
     * Starts an asynchronous sink in front of another.
     *
     * @param delegate the sink that does the recording; closed by {@link #close()}
     * @return a builder
     */
    public static Builder builder(AuditSink delegate) {
        return new Builder(delegate);
    }

    /**
     * Queues an event.
     *
     * @param event the event
     * @throws AuditException under {@link Overflow#WAIT} when there was no room in time, or when
     *     the caller is interrupted while waiting
     */
    @Override
    public void record(AuditEvent event) {
        Objects.requireNonNull(event, "event");
        intake.readLock().lock();
        try {
            if (closing) {
                countDrop("audit sink is closing");
            } else if (!queue.offer(event)) {
                if (overflow == Overflow.DROP) {
                    countDrop("audit queue full");
                } else {
                    waitForRoom(event);
                }
            }
        } finally {
            intake.readLock().unlock();
        }
    }

    /**
     * Returns how many events the delegate recorded.
     *
     * @return the count
     */
    public long delivered() {
        return delivered.get();
    }

    /**
     * Returns how many events were dropped (queue full under {@link Overflow#DROP}, recorded
     * while closing, or still queued when the close timeout ran out).
     *
     * @return the count
     */
    public long dropped() {
        return dropped.get();
    }

    /**
     * Returns how many events were refused with {@link AuditException} under
     * {@link Overflow#WAIT}.
     *
     * @return the count
     */
    public long rejected() {
        return rejected.get();
    }

    /**
     * Returns how many events the delegate failed to record.
     *
     * @return the count
     */
    public long failed() {
        return failed.get();
    }

    /**
     * Returns how many events wait in the queue now.
     *
     * @return the count
     */
    public int queued() {
        return queue.size();
    }

    @Override
    public void close() {
        intake.writeLock().lock();
        try {
            if (closing) {
                return;
            }
            closing = true;
        } finally {
            intake.writeLock().unlock();
        }
        removeShutdownHook();
        try {
            worker.join(closeTimeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        int left = queue.size();
        if (worker.isAlive() || left > 0) {
            worker.interrupt();
            dropped.addAndGet(left);
            log.error("audit sink closed with {} events not delivered (counted as dropped)", left);
        }
        reportDrops();
    }

    private void waitForRoom(AuditEvent event) {
        try {
            if (queue.offer(event, waitTimeout.toNanos(), TimeUnit.NANOSECONDS)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        rejected.incrementAndGet();
        log.error("audit queue full for {}; event {} refused, request must not be served",
                waitTimeout, event.id());
        throw new AuditException("audit queue full; event " + event.id() + " not recorded", null);
    }

    private void countDrop(String why) {
        dropped.incrementAndGet();
        if (unreportedDrops.getAndIncrement() == 0) {
            log.error("{}: audit event dropped (total dropped {})", why, dropped.get());
        }
    }

    private void run() {
        List<AuditEvent> batch = new ArrayList<>();
        while (!closing || !queue.isEmpty()) {
            try {
                AuditEvent first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first != null) {
                    batch.add(first);
                    queue.drainTo(batch, 255);
                    batch.forEach(this::deliver);
                    batch.clear();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            reportDrops();
        }
        closeDelegate();
    }

    private void deliver(AuditEvent event) {
        try {
            delegate.record(event);
            delivered.incrementAndGet();
        } catch (RuntimeException e) {
            failed.incrementAndGet();
            log.error("audit event {} could not be recorded by {} (total failed {})", event.id(),
                    delegate.getClass().getSimpleName(), failed.get(), e);
        }
    }

    private void reportDrops() {
        long unreported = unreportedDrops.getAndSet(0);
        if (unreported > 1) {
            log.error("audit events dropped: {} more since the last report (total {})",
                    unreported - 1, dropped.get());
        }
    }

    private void closeDelegate() {
        try {
            delegate.close();
        } catch (RuntimeException e) {
            log.error("audit sink {} failed to close", delegate.getClass().getSimpleName(), e);
        }
    }

    private void removeShutdownHook() {
        if (shutdownHook == null || Thread.currentThread() == shutdownHook) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            log.debug("JVM is shutting down; audit shutdown hook stays registered");
        }
    }

    /**
     * Builds an {@link AsyncAuditSink}. Not thread-safe.
     *
     * @since 1.0
     */
    public static final class Builder {
        private final AuditSink delegate;
        private int capacity = 10_000;
        private Overflow overflow = Overflow.WAIT;
        private Duration waitTimeout = Duration.ofSeconds(1);
        private Duration closeTimeout = Duration.ofSeconds(10);
        private boolean closeOnShutdown = true;

        private Builder(AuditSink delegate) {
            this.delegate = Objects.requireNonNull(delegate, "delegate");
        }

        /**
         * Sets the queue capacity.
         *
         * @param capacity 1 to 1,000,000 events; default 10,000
         * @return this builder
         */
        public Builder capacity(int capacity) {
            this.capacity = capacity;
            return this;
        }

        /**
         * Sets what happens when the queue is full.
         *
         * @param overflow the policy; default {@link Overflow#WAIT}
         * @return this builder
         */
        public Builder overflow(Overflow overflow) {
            this.overflow = overflow;
            return this;
        }

        /**
         * Sets how long {@link Overflow#WAIT} waits for room.
         *
         * @param timeout zero or more; default 1 second
         * @return this builder
         */
        public Builder waitTimeout(Duration timeout) {
            this.waitTimeout = timeout;
            return this;
        }

        /**
         * Sets how long {@link #close()} waits for the queue to drain.
         *
         * @param timeout zero or more; default 10 seconds
         * @return this builder
         */
        public Builder closeTimeout(Duration timeout) {
            this.closeTimeout = timeout;
            return this;
        }

        /**
         * Sets whether a JVM shutdown hook closes the sink.
         *
         * @param enabled true by default
         * @return this builder
         */
        public Builder closeOnShutdown(boolean enabled) {
            this.closeOnShutdown = enabled;
            return this;
        }

        /**
         * Checks the settings, starts the background thread and returns the sink.
         *
         * @return the running sink
         * @throws IllegalArgumentException listing every problem
         */
        public AsyncAuditSink build() {
            List<String> problems = new ArrayList<>();
            if (capacity < 1 || capacity > 1_000_000) {
                problems.add("capacity: must be 1 to 1000000, was " + capacity);
            }
            if (overflow == null) {
                problems.add("overflow: must be set");
            }
            if (waitTimeout == null || waitTimeout.isNegative()) {
                problems.add("waitTimeout: must be zero or more, was " + waitTimeout);
            }
            if (closeTimeout == null || closeTimeout.isNegative()) {
                problems.add("closeTimeout: must be zero or more, was " + closeTimeout);
            }
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException("invalid async audit sink:\n- "
                        + String.join("\n- ", problems));
            }
            return new AsyncAuditSink(this);
        }
    }
}
