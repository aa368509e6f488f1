package org.archivist.tool.archive;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

import com.sun.management.GarbageCollectionNotificationInfo;

/**
 * Measures the heap during a benchmark: the peak heap in use (sum of the heap pools' peaks, garbage
 * included), the peak heap still live right after a collection (from the GC notifications), and GC counts.
 */
final class HeapWatch implements AutoCloseable {
    private final AtomicLong peakLive = new AtomicLong();
    private final AtomicLong peakAfterFullGc = new AtomicLong();
    private Thread fullGcs;
    private final Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
    private final NotificationListener listener = this::onGc;
    private long gcCountBefore;
    private long gcMillisBefore;

    HeapWatch start() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(listener, null, null);
            }
        }
        gcCountBefore = gcCount();
        gcMillisBefore = gcMillis();
        return this;
    }

    /**
     * Forces a full collection every {@code periodMillis} from a daemon thread until {@link #close}, so that
     * {@link #peakAfterFullGc} samples the live heap (each costs a few ms on a small heap).
     */
    HeapWatch sampleFullGcs(long periodMillis) {
        fullGcs = new Thread(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    Thread.sleep(periodMillis);
                    System.gc();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "heap-watch-full-gc");
        fullGcs.setDaemon(true);
        fullGcs.start();
        return this;
    }

    /** The largest heap in use right after a full (major) collection since {@link #start} (bytes). */
    long peakAfterFullGc() {
        return peakAfterFullGc.get();
    }

    /** Peak of heap in use, garbage included (bytes). */
    long peakUsed() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    /** The largest heap still in use right after any collection since {@link #start} (bytes). */
    long peakLiveAfterGc() {
        return peakLive.get();
    }

    String gcSummary() {
        return (gcCount() - gcCountBefore) + " collections, " + (gcMillis() - gcMillisBefore) + " ms";
    }

    static long maxHeap() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax();
    }

    @Override
    public void close() {
        if (fullGcs != null) {
            fullGcs.interrupt();
        }
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                try {
                    emitter.removeNotificationListener(listener);
                } catch (javax.management.ListenerNotFoundException e) {
                    // never added
                }
            }
        }
    }

    private void onGc(Notification n, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
            return;
        }
        GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
        long live = 0;
        for (var e : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
            if (heapPools.contains(e.getKey())) {
                MemoryUsage u = e.getValue();
                live += u.getUsed();
            }
        }
        peakLive.accumulateAndGet(live, Math::max);
        if (info.getGcAction().contains("major")) {
            peakAfterFullGc.accumulateAndGet(live, Math::max);
        }
    }

    private static long gcCount() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionCount).filter(c -> c > 0).sum();
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionTime).filter(c -> c > 0).sum();
    }
}
