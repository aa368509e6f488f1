package org.archivist.codex.emulator;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Faults injected into an emulated node's API (and the block exchange its peers use): latency before each
 * answer, 500 answers, download bodies cut after a number of bytes while the headers promised more, requests
 * that hang, and a node that is offline (connections dropped without an answer). Thread-safe.
 */
public final class Faults {
    private volatile long latencyMillis;
    private final AtomicInteger failures = new AtomicInteger();
    private volatile boolean failAlways;
    private final AtomicInteger truncations = new AtomicInteger();
    private volatile long truncateAfterBytes = -1;
    private volatile boolean hang;
    private final AtomicInteger stalls = new AtomicInteger();
    private volatile long stallAfterBytes = -1;
    private volatile boolean offline;
    private final Object hangLock = new Object();

    public Faults latency(long millis) {
        this.latencyMillis = Math.max(0, millis);
        return this;
    }

    /** The next {@code count} API requests answer 500. */
    public Faults failNext(int count) {
        failures.set(Math.max(0, count));
        return this;
    }

    /** Every API request answers 500 until {@link #clear()}. */
    public Faults failAlways(boolean on) {
        this.failAlways = on;
        return this;
    }

    /** The next {@code count} downloads stop after {@code bytes} bytes of the body, then drop the connection. */
    public Faults truncateNext(int count, long bytes) {
        truncateAfterBytes = bytes;
        truncations.set(Math.max(0, count));
        return this;
    }

    /**
     * The next {@code count} downloads send their headers and {@code bytes} bytes of the body, then go silent
     * (the connection stays open) until the node stops or the faults are cleared: a node stuck mid-transfer.
     */
    public Faults stallNext(int count, long bytes) {
        stallAfterBytes = bytes;
        stalls.set(Math.max(0, count));
        return this;
    }

    /** Requests wait without answering until the hang is lifted (or the node stops). */
    public Faults hang(boolean on) {
        this.hang = on;
        if (!on) {
            synchronized (hangLock) {
                hangLock.notifyAll();
            }
        }
        return this;
    }

    /**
     * The next request's handler throws this kind of {@link Error}: {@code "error"} (an AssertionError, answered
     * with 500 and survived) or {@code "oom"} (an OutOfMemoryError: the node stops, as it cannot be trusted).
     */
    public Faults throwNext(String kind) {
        if (!kind.equals("error") && !kind.equals("oom")) {
            throw new IllegalArgumentException("throwNext is 'error' or 'oom', not " + kind);
        }
        this.throwNext = kind;
        return this;
    }

    /** Throws the injected Error, once. */
    void throwIfInjected() {
        String kind = throwNext;
        throwNext = null;
        if ("oom".equals(kind)) {
            throw new OutOfMemoryError("injected");
        }
        if ("error".equals(kind)) {
            throw new AssertionError("injected");
        }
    }

    /** Connections are dropped without an answer: the node and its data are unavailable. */
    public Faults offline(boolean on) {
        this.offline = on;
        return this;
    }

    public void clear() {
        clears.incrementAndGet();
        throwNext = null;
        latencyMillis = 0;
        failures.set(0);
        failAlways = false;
        truncations.set(0);
        truncateAfterBytes = -1;
        stalls.set(0);
        stallAfterBytes = -1;
        offline = false;
        hang(false);
    }

    private volatile String throwNext;

    boolean offline() {
        return offline;
    }

    void delay() throws InterruptedException {
        long ms = latencyMillis;
        if (ms > 0) {
            TimeUnit.MILLISECONDS.sleep(ms);
        }
    }

    /** Blocks while hanging; returns false when the node is stopping. */
    void awaitHang(java.util.function.BooleanSupplier running) throws InterruptedException {
        synchronized (hangLock) {
            while (hang && running.getAsBoolean()) {
                hangLock.wait(100);
            }
        }
    }

    boolean takeFailure() {
        if (failAlways) {
            return true;
        }
        return failures.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
    }

    /** The byte count after which this download is cut, or -1. */
    long takeTruncation() {
        if (truncations.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
            return truncateAfterBytes;
        }
        return -1;
    }

    /** The byte count after which this download stalls, or -1. */
    long takeStall() {
        if (stalls.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
            return stallAfterBytes;
        }
        return -1;
    }

    /** Waits like a stalled transfer: until cleared (a generation change) or the node stops. */
    void stall(java.util.function.BooleanSupplier running) throws InterruptedException {
        long generation = clears.get();
        synchronized (hangLock) {
            while (running.getAsBoolean() && clears.get() == generation) {
                hangLock.wait(100);
            }
        }
    }

    private final java.util.concurrent.atomic.AtomicLong clears = new java.util.concurrent.atomic.AtomicLong();

    void wakeAll() {
        synchronized (hangLock) {
            hangLock.notifyAll();
        }
    }

    @Override
    public String toString() {
        return "{\"latencyMs\":" + latencyMillis + ",\"failNext\":" + failures.get() + ",\"failAlways\":" + failAlways
                + ",\"truncateNext\":" + truncations.get() + ",\"truncateAfterBytes\":" + truncateAfterBytes
                + ",\"stallNext\":" + stalls.get() + ",\"stallAfterBytes\":" + stallAfterBytes
                + ",\"hang\":" + hang + ",\"offline\":" + offline + "}";
    }
}
