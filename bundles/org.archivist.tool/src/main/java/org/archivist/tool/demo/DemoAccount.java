package org.archivist.tool.demo;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The demos' readable account and their resources: every line stamped with the seconds since the start, and
 * whatever was started (nodes, engines, emulators, Karaf instances) closed in reverse order at the end.
 */
public final class DemoAccount implements AutoCloseable {
    private final PrintStream out;
    private final long started = System.nanoTime();
    private final List<AutoCloseable> resources = new ArrayList<>();

    public DemoAccount(PrintStream out) {
        this.out = out;
    }

    /** Prints one line of the account: {@code [  12.34s] text}. */
    public void say(String format, Object... args) {
        synchronized (out) {
            out.printf("[%6.2fs] %s%n", seconds(), String.format(format, args));
            out.flush();
        }
    }

    /** Seconds since the account started. */
    public double seconds() {
        return (System.nanoTime() - started) / 1e9;
    }

    /** The nano time the account started at, to measure deadlines from. */
    public long startedNanos() {
        return started;
    }

    /** Keeps a resource to close at the end (last kept, first closed). */
    public <T extends AutoCloseable> T keep(T resource) {
        synchronized (resources) {
            resources.add(resource);
        }
        return resource;
    }

    /** Closes every kept resource, the last kept first; a failure to close does not stop the others. */
    @Override
    public void close() {
        List<AutoCloseable> toClose;
        synchronized (resources) {
            toClose = new ArrayList<>(resources);
            resources.clear();
        }
        for (int i = toClose.size() - 1; i >= 0; i--) {
            try {
                toClose.get(i).close();
            } catch (Exception e) {
                say("(could not close %s: %s)", toClose.get(i), e.getMessage());
            }
        }
    }
}
