package org.archivist.core.internal;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test hook for crash-safety tests: with the system property {@value #PROPERTY} set to {@code N}, the
 * JVM halts (as a kill -9 would stop it: no shutdown hooks, no finally blocks) when the N-th crash point
 * is reached. Without the property every call is a no-op. Named points let a failing test say where it
 * stopped (written to stderr just before the halt).
 */
public final class CrashPoints {
    public static final String PROPERTY = "archivist.test.crashAt";
    /** The exit status of a halt at a crash point. */
    public static final int EXIT_STATUS = 137;
    private static final int TARGET = Integer.getInteger(PROPERTY, 0);
    private static final AtomicInteger REACHED = new AtomicInteger();

    private CrashPoints() {
    }

    public static void reach(String name) {
        if (TARGET > 0 && REACHED.incrementAndGet() == TARGET) {
            System.err.println("crash point " + TARGET + ": " + name);
            System.err.flush();
            Runtime.getRuntime().halt(EXIT_STATUS);
        }
    }
}
