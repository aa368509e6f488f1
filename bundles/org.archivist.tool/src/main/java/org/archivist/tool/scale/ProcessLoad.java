package org.archivist.tool.scale;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What this process costs while it has nothing to do: CPU over a window, heap live after a full GC, threads. */
final class ProcessLoad {

    /**
     * CPU time of the whole process over {@code millis} of wall time (Thread.sleep in between), and the threads
     * that used most of it, each with one stack taken at the end (what it was doing).
     */
    record Cpu(double cpuMillis, double wallMillis, List<BusyThread> busiest) {
        double percentOfOneCore() {
            return 100 * cpuMillis / wallMillis;
        }
    }

    /** A thread's CPU over the window and its stack at the end of it. */
    record BusyThread(String name, double cpuMillis, List<StackTraceElement> stack) {
    }

    private ProcessLoad() {
    }

    static Cpu idleCpu(long millis) throws InterruptedException {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (!(os instanceof com.sun.management.OperatingSystemMXBean sun)) {
            throw new IllegalStateException("this JVM does not report process CPU time");
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<Long, Long> before = new HashMap<>();
        for (long id : threads.getAllThreadIds()) {
            before.put(id, threads.getThreadCpuTime(id));
        }
        long cpu = sun.getProcessCpuTime();
        long wall = System.nanoTime();
        Thread.sleep(millis);
        double cpuMillis = (sun.getProcessCpuTime() - cpu) / 1e6;
        double wallMillis = (System.nanoTime() - wall) / 1e6;
        List<BusyThread> busy = new ArrayList<>();
        for (ThreadInfo info : threads.dumpAllThreads(false, false, 12)) {
            long now = threads.getThreadCpuTime(info.getThreadId());
            long then = before.getOrDefault(info.getThreadId(), 0L);
            if (now > then && then >= 0) {
                busy.add(new BusyThread(info.getThreadName(), (now - then) / 1e6, List.of(info.getStackTrace())));
            }
        }
        busy.sort(Comparator.comparingDouble(BusyThread::cpuMillis).reversed());
        return new Cpu(cpuMillis, wallMillis, List.copyOf(busy.subList(0, Math.min(5, busy.size()))));
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
