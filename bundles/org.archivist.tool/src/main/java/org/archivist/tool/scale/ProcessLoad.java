package org.archivist.tool.scale;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/** What this process costs while it has nothing to do: CPU over a window, heap live after a full GC, threads. */
final class ProcessLoad {

    /** CPU time of the whole process over {@code millis} of wall time (Thread.sleep in between). */
    record Cpu(double cpuMillis, double wallMillis) {
        double percentOfOneCore() {
            return 100 * cpuMillis / wallMillis;
        }
    }

    private ProcessLoad() {
    }

    static Cpu idleCpu(long millis) throws InterruptedException {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (!(os instanceof com.sun.management.OperatingSystemMXBean sun)) {
            throw new IllegalStateException("this JVM does not report process CPU time");
        }
        long cpu = sun.getProcessCpuTime();
        long wall = System.nanoTime();
        Thread.sleep(millis);
        return new Cpu((sun.getProcessCpuTime() - cpu) / 1e6, (System.nanoTime() - wall) / 1e6);
    }

    /** Heap in use right after two full collections (bytes): what is live. */
    static long heapLiveAfterFullGc() {
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    static int threads() {
        return ManagementFactory.getThreadMXBean().getThreadCount();
    }

    static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
