package org.archivist.tool.archive;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.archivist.api.CommunityId;
import org.archivist.api.ContentTopic;
import org.archivist.api.host.MessageImporter;
import org.archivist.api.service.ArchiveEvent;
import org.archivist.api.service.ArchiveEventListener;
import org.archivist.api.storage.StorageBackend;
import org.archivist.host.reference.ReferenceNode;
import org.archivist.host.reference.ReferenceNode.GroupKeyMaterial;
import org.archivist.scheduler.node.SchedulerNode;
import org.archivist.storage.codex.CodexBackends;
import org.archivist.tool.Command;
import org.archivist.tool.Flags;
import org.archivist.tool.scale.EmulatorProcess;

/**
 * {@code archivist bench-member}: a member downloads and imports a generated history of about 1 GB through the
 * production path: an owner node archives it (streamed from a generated store) and publishes it on a Codex node (an
 * emulator in its own JVM, as a real Codex node is its own process) and announces the index CID; a member node
 * ({@link SchedulerNode}: its member flow fetches each archive into a file, keys it, and its importer reads it as a
 * stream, unsealed as a stream when encrypted) hands every message to a counting importer. Prints the member's
 * messages/s from its first download to its last import, and the peak heap live after a full GC (one forced every
 * second) over the whole run, owner included (both nodes share this JVM).
 */
public final class BenchMemberCommand implements Command {
    private static final double RATE = 1e9;
    private static final Duration DEADLINE = Duration.ofHours(1);

    @Override
    public String name() {
        return "bench-member";
    }

    @Override
    public String usage() {
        return "bench-member [--megabytes <n, default 1024>] [--payload <mean bytes, default 200>] [--encrypt]"
                + " [--dir D]\n"
                + "         an owner publishes a generated history on a Codex emulator, a member downloads and imports"
                + " it through its scheduler; prints messages/s and the peak heap live after a full GC";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        Quiet.engineLogs();
        Flags flags = Flags.parse(args, Set.of("megabytes", "payload", "dir"), Set.of("encrypt"));
        long megabytes = flags.positiveLong("megabytes", 1024);
        int payload = flags.intIn("payload", 200, 100, 1_000_000);
        boolean encrypt = flags.has("encrypt");
        Path root = flags.optional("dir").map(Path::of).orElse(null);
        boolean temporary = root == null;
        root = temporary ? Files.createTempDirectory("archivist-bench-member") : Files.createDirectories(root);
        SecureRandom random = new SecureRandom();
        byte[] communityKey = ReferenceNode.newCommunityKey(random);
        CommunityId id = ReferenceNode.communityIdOf(communityKey);
        List<ContentTopic> topics = ReferenceNode.topicsOf(id, "general", "random", "dev");
        long count = Math.max(1, megabytes * 1_000_000 / (payload + 133));
        long now = System.currentTimeMillis() / 1000;
        // at least two weeks of history, so that the owner's start logic archives it at once (status-go's case C)
        long spacing = Math.max(1, (14 * 86_400 + count - 1) / count);
        long start = now - count * spacing - 3600;
        GeneratedHistory history = new GeneratedHistory(start, spacing, count, payload,
                topics.toArray(ContentTopic[]::new));
        GroupKeyMaterial groupKey = null;
        if (encrypt) {
            byte[] key = new byte[32];
            random.nextBytes(key);
            groupKey = new GroupKeyMaterial(System.currentTimeMillis(), key);
        }
        out.printf("bench-member: %,d generated messages (mean payload %d bytes, about %d MB), %s, max heap %d MB,"
                + " in %s%n", count, payload, megabytes, encrypt ? "encrypted (AES-256-GCM hash ratchet)" : "plain",
                HeapWatch.maxHeap() >> 20, root);

        AtomicLong imported = new AtomicLong();
        AtomicLong downloadedBytes = new AtomicLong();
        AtomicLong downloadStart = new AtomicLong();
        AtomicReference<String> failure = new AtomicReference<>();
        CountDownLatch announced = new CountDownLatch(1);
        CountDownLatch finished = new CountDownLatch(1);
        ArchiveEventListener ownerEvents = e -> {
            if (e.type() == ArchiveEvent.Type.ANNOUNCED) {
                announced.countDown();
            } else if (e.type() == ArchiveEvent.Type.FAILED) {
                failure.compareAndSet(null, "owner: " + e.reason().orElse("?"));
            }
        };
        ArchiveEventListener memberEvents = e -> {
            switch (e.type()) {
                case DOWNLOAD_STARTED -> downloadStart.compareAndSet(0, System.nanoTime());
                case ARCHIVE_DOWNLOADED -> downloadedBytes.addAndGet(e.bytes().orElse(0));
                case FINISHED -> finished.countDown();
                case FAILED -> failure.compareAndSet(null, "member: " + e.reason().orElse("?"));
                default -> { }
            }
        };
        java.util.BitSet seen = new java.util.BitSet((int) Math.min(Integer.MAX_VALUE, count));
        AtomicLong duplicates = new AtomicLong();
        MessageImporter counting = (c, messages) -> { // message i has timestamp start + i * spacing
            synchronized (seen) {
                for (var m : messages) {
                    int i = (int) ((m.timestamp() - start) / spacing);
                    if (seen.get(i)) {
                        duplicates.incrementAndGet();
                    }
                    seen.set(i);
                }
            }
            imported.addAndGet(messages.size());
        };

        try (EmulatorProcess codex = EmulatorProcess.start(root.resolve("codex-node"));
                ReferenceNode memberHost = ReferenceNode.loopback(root.resolve("member/host"), "member", List.of());
                ReferenceNode ownerHost = ReferenceNode.loopback(root.resolve("owner/host"), "owner",
                        List.of("127.0.0.1:" + memberHost.channelPort()));
                CodexBackends.ConnectedCodex ownerCodex = CodexBackends.connect(codex.baseUri(),
                        root.resolve("owner/codex-state"));
                CodexBackends.ConnectedCodex memberCodex = CodexBackends.connect(codex.baseUri(),
                        root.resolve("member/codex-state"));
                HeapWatch heap = new HeapWatch().start().sampleFullGcs(1000)) {
            ownerHost.own(communityKey, topics, groupKey);
            memberHost.join(id, topics, groupKey);
            long t0 = System.nanoTime();
            try (SchedulerNode member = SchedulerNode.builder(memberHost.store(), memberHost.directory(),
                    memberHost.channel(), counting).cipher(memberHost.cipher())
                    .directory(root.resolve("member/scheduler")).events(memberEvents)
                    .backend(StorageBackend.CODEX, memberCodex.backend()).start();
                    SchedulerNode owner = SchedulerNode.builder(history, ownerHost.directory(), ownerHost.channel(),
                            (c, m) -> { }).cipher(ownerHost.cipher()).directory(root.resolve("owner/scheduler"))
                            .events(ownerEvents).backend(StorageBackend.CODEX, ownerCodex.backend()).start()) {
                member.configure(id, StorageBackend.CODEX, StorageBackend.CODEX, RATE);
                owner.configure(id, StorageBackend.CODEX, "", SchedulerNode.DEFAULT_IMPORT_RATE);
                if (!announced.await(DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
                    err.println("bench-member: the owner announced nothing within " + DEADLINE
                            + Optional.ofNullable(failure.get()).map(f -> " (" + f + ")").orElse(""));
                    return 1;
                }
                double ownerSeconds = (System.nanoTime() - t0) / 1e9;
                out.printf("owner              archived, uploaded and announced in %.1f s; %.1f MB live after a full"
                        + " GC then (both nodes started, the member not yet downloading)%n", ownerSeconds,
                        liveHeapAfterGc() / 1e6);
                try (HeapWatch memberPhase = new HeapWatch().start()) { // the first watch forces the full GCs
                    if (!finished.await(DEADLINE.toSeconds(), TimeUnit.SECONDS) || imported.get() < count) {
                        err.printf("bench-member: %,d of %,d messages imported within %s%s%n", imported.get(), count,
                                DEADLINE, Optional.ofNullable(failure.get()).map(f -> " (" + f + ")").orElse(""));
                        return 1;
                    }
                    double seconds = (System.nanoTime() - downloadStart.get()) / 1e9;
                    out.printf("member             downloaded %,d bytes of archives and imported %,d messages in"
                            + " %.1f s = %,.0f messages/s (%.1f MB/s)%n", downloadedBytes.get(), imported.get(),
                            seconds, imported.get() / seconds, downloadedBytes.get() / 1e6 / seconds);
                    out.printf("heap               peak live after a full GC %.1f MB over the whole run (owner and"
                            + " member in this JVM), %.1f MB while the member downloaded and imported; max %d MB,"
                            + " %s%n", heap.peakAfterFullGc() / 1e6, memberPhase.peakAfterFullGc() / 1e6,
                            HeapWatch.maxHeap() >> 20, heap.gcSummary());
                }
                out.printf("path               member: SchedulerNode's member flow (archiveTo a file, keyed as a"
                        + " stream), ImportRunner (the file read as a stream%s), Codex backend, emulator in its own"
                        + " JVM%n", encrypt ? ", authenticated then decrypted as a stream by the host cipher" : "");
                int distinct;
                synchronized (seen) {
                    distinct = seen.cardinality();
                }
                if (imported.get() != count || distinct != count || duplicates.get() != 0) {
                    err.printf("bench-member: %,d messages imported (%,d distinct, %,d duplicates), %,d expected,"
                            + " each exactly once%n", imported.get(), distinct, duplicates.get(), count);
                    return 1;
                }
                out.printf("check              every one of the %,d messages reached the importer once%n", count);
                return 0;
            }
        } finally {
            if (temporary) {
                BenchBuildCommand.deleteTree(root);
            }
        }
    }

    private static long liveHeapAfterGc() {
        System.gc();
        return java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
