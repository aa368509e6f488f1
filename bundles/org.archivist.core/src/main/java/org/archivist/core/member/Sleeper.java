package org.archivist.core.member;

/** Waits; replaced in tests by one that only advances a fake clock. */
@FunctionalInterface
public interface Sleeper {
    Sleeper SYSTEM = nanos -> {
        if (nanos > 0) {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        }
    };

    void sleepNanos(long nanos) throws InterruptedException;
}
