package org.archivist.scheduler.kill;

import java.util.Map;

/** Every thread's stack on stderr: what a child that ran out of time was doing, for the failure message. */
final class ThreadDumps {
    private ThreadDumps() {
    }

    static void print() {
        for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
            System.err.println("\"" + e.getKey().getName() + "\" " + e.getKey().getState());
            for (StackTraceElement frame : e.getValue()) {
                System.err.println("    at " + frame);
            }
        }
        System.err.flush();
    }
}
