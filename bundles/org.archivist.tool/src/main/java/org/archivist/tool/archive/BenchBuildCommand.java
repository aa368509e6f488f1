package org.archivist.tool.archive;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.DoubleStream;
import java.util.stream.Stream;

import org.archivist.api.ArchivedMessage;
import org.archivist.api.CommunityId;
import org.archivist.api.ContentTopic;
import org.archivist.api.TimeRange;
import org.archivist.api.host.ArchiveCipher;
import org.archivist.api.host.Community;
import org.archivist.api.storage.PublishSession;
import org.archivist.core.directory.ArchiveDirectory;
import org.archivist.core.format.PieceLayout;
import org.archivist.core.format.ProtoMapping;
import org.archivist.core.owner.ArchiveRun;
import org.archivist.core.link.MagnetLinkFormat;
import org.archivist.core.owner.ArchiveWriter;
import org.archivist.core.owner.CreatedArchive;
import org.archivist.tool.Command;
import org.archivist.tool.Flags;
import org.archivist.tool.UsageException;

/**
 * {@code archivist bench-build}: archives a generated history (1 GB by default) into a real data/index
 * directory and prints throughput, the size against plain protobuf encoding of the same messages, the time
 * against a plain write+fsync of as many bytes on the same directory (per round, the two in alternating
 * order, then medians: the disk of a shared machine varies several-fold from one minute to the next), the
 * CPU time of the building thread, and the live heap (after full GCs).
 */
public final class BenchBuildCommand implements Command {
    static final CommunityId COMMUNITY = CommunityId.of("0x02" + "5a".repeat(32));
    static final ContentTopic[] TOPICS = {ContentTopic.of("0a0b0c0d"), ContentTopic.of("1a1b1c1d"),
        ContentTopic.of("2a2b2c2d")};
    private static final long START = 1_700_000_000L;

    @Override
    public String name() {
        return "bench-build";
    }

    @Override
    public String usage() {
        return "bench-build [--megabytes <n, default 1024>] [--payload <mean bytes, default 1000>] [--weeks <n, default 8>]"
                + " [--encrypt] [--rounds <n, default 3>] [--settle <seconds between phases, default 10>]"
                + " [--backend directory|bittorrent] [--data-dir <dir>]\n"
                + "         archive a generated history; per round the build and a plain write+fsync of the same bytes"
                + " (their order alternating), then medians: messages/s, MB/s, the time ratio, the peak heap after full GCs";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        Quiet.engineLogs();
        Flags flags = Flags.parse(args, Set.of("megabytes", "payload", "weeks", "data-dir", "rounds", "backend", "settle"), Set.of("encrypt"));
        long megabytes = flags.intIn("megabytes", 1024, 1, 1 << 20);
        int payload = flags.intIn("payload", 1000, 100, 29_000_000);
        long weeks = flags.intIn("weeks", 8, 1, 100_000);
        int rounds = flags.intIn("rounds", 3, 1, 100);
        int settle = flags.intIn("settle", 10, 0, 600);
        boolean encrypt = flags.has("encrypt");
        String backend = flags.optional("backend").orElse(BuildTarget.DIRECTORY);
        if (!backend.equals(BuildTarget.DIRECTORY) && !backend.equals(BuildTarget.BITTORRENT)) {
            throw new UsageException("--backend is " + BuildTarget.DIRECTORY + " (core's archive directory) or "
                    + BuildTarget.BITTORRENT + " (the BitTorrent backend: the torrent and the engine's check too)");
        }
        if (megabytes <= 0 || payload < 100 || weeks <= 0) {
            throw new UsageException("--megabytes and --weeks must be positive, --payload at least 100");
        }
        // a message weighs about payload + 65 (sig) + 32 (hash) + 16 (padding) + ~20 bytes of framing
        long count = Math.max(1, megabytes * 1_000_000 / (payload + 133));
        long spacing = Math.max(1, weeks * ArchiveWriter.DEFAULT_PARTITION_SECONDS / count);
        GeneratedHistory history = new GeneratedHistory(START, spacing, count, payload, TOPICS);
        Optional<ArchiveCipher> cipher = encrypt
                ? Ciphers.fromFlag(Optional.of("42".repeat(32)))
                : Optional.empty();
        Path dataDir = flags.optional("data-dir").map(Path::of).orElse(null);
        boolean temporary = dataDir == null;
        if (temporary) {
            dataDir = Files.createTempDirectory("archivist-bench-build");
        }
        out.printf("bench-build: %,d generated messages (mean payload %d bytes) over %,d s, %s, into %s (%s), %d rounds%n",
                count, payload, history.end() - START, encrypt ? "encrypted" : "plain", dataDir, backend, rounds);
        out.printf("max heap %d MB, load average %.2f, %d s for the disk to settle before each timed phase%n",
                HeapWatch.maxHeap() >> 20, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), settle);
        try (BuildTarget target = BuildTarget.of(backend, dataDir, cipher)) {
            Community community = new Community(COMMUNITY, List.of(TOPICS), encrypt, true, true);
            List<Round> done = new ArrayList<>();
            String heapLine;
            try (HeapWatch heap = new HeapWatch().start().sampleFullGcs(1000)) {
                for (int i = 0; i < rounds; i++) {
                    boolean diskFirst = i % 2 == 1; // alternating, so neither side always runs on a warmer machine
                    DiskBaseline.Timing disk = null;
                    if (diskFirst) { // round 1 builds first, so the size is known
                        settle(settle);
                        disk = DiskBaseline.writeAndSync(dataDir, done.get(0).data, PieceLayout.MAX_ARCHIVE_WEIGHT);
                    }
                    settle(settle);
                    Round r = build(history, community, cipher, target);
                    if (!diskFirst) {
                        settle(settle);
                        disk = DiskBaseline.writeAndSync(dataDir, r.data, PieceLayout.MAX_ARCHIVE_WEIGHT);
                    }
                    r = r.withDisk(disk);
                    done.add(r);
                    out.printf("round %d            build %.2f s (%.2f s CPU on the building thread, %.2f s of it in the"
                            + " kernel), write+fsync %.2f s (%.2f s CPU)%s, ratio %.2f%n", i + 1, r.nanos / 1e9,
                            r.cpuNanos / 1e9, r.kernelNanos / 1e9, disk.nanos() / 1e9,
                            disk.cpuNanos() / 1e9, diskFirst ? " (run first)" : "", r.ratio());
                    if (i < rounds - 1) {
                        target.reset(COMMUNITY);
                    }
                }
                heapLine = String.format("peak heap          %.1f MB live after a full GC (one forced every second), %d MB in"
                        + " use (garbage included), %d MB after any GC; GC: %s", heap.peakAfterFullGc() / 1048576.0,
                        heap.peakUsed() >> 20, heap.peakLiveAfterGc() >> 20, heap.gcSummary());
            }
            Round last = done.get(done.size() - 1);
            long data = last.data;
            long index = Files.size(target.communityDir(COMMUNITY).resolve(ArchiveDirectory.INDEX));
            long[] plain = plainProtobuf(history);
            double seconds = median(done.stream().mapToDouble(r -> r.nanos / 1e9));
            double disk = median(done.stream().mapToDouble(r -> r.disk / 1e9));
            out.printf("archives created   %d (index %,d bytes)%n", last.archives, index);
            out.printf("messages           %,d in %.2f s (median) = %,.0f messages/s%n", last.messages, seconds,
                    last.messages / seconds);
            out.printf("history            %,d bytes as plain protobuf = %.1f MB/s%n", plain[0], plain[0] / 1e6 / seconds);
            out.printf("data file          %,d bytes = %.1f MB/s written%n", data, data / 1e6 / seconds);
            out.printf("size ratio         %.4f (data file / plain protobuf of the same messages)%n",
                    (double) data / plain[0]);
            out.printf("disk               %,d bytes written + fsync (every %,d bytes) on the same directory in %.2f s"
                    + " (median) = %.1f MB/s%n", data, PieceLayout.MAX_ARCHIVE_WEIGHT, disk, data / 1e6 / disk);
            out.printf("time ratio         %.2f median, %.2f-%.2f over %d rounds (archive build / plain write+fsync of the"
                    + " same bytes; target <= 1.3)%n", median(done.stream().mapToDouble(Round::ratio)),
                    done.stream().mapToDouble(Round::ratio).min().orElseThrow(),
                    done.stream().mapToDouble(Round::ratio).max().orElseThrow(), rounds);
            out.printf("building thread    %.2f s CPU (median); for reference, of it: generating the messages takes %.2f s a"
                    + " pass (the build reads the history twice: a chunking pass, then the writing pass), encoding them as"
                    + " plain protobuf %.2f s, and the plain write's own CPU (the copy into the page cache) is %.2f s%n",
                    median(done.stream().mapToDouble(r -> r.cpuNanos / 1e9)), plain[2] / 1e9, plain[1] / 1e9,
                    median(done.stream().mapToDouble(r -> r.diskCpu / 1e9)));
            out.println(heapLine);
            return 0;
        } finally {
            if (temporary) {
                deleteTree(dataDir);
            }
        }
    }

    /** One build and the baseline measured next to it. */
    private record Round(long nanos, long cpuNanos, long kernelNanos, long disk, long diskCpu, long data, int archives,
            long messages) {
        Round withDisk(DiskBaseline.Timing timing) {
            return new Round(nanos, cpuNanos, kernelNanos, timing.nanos(), timing.cpuNanos(), data, archives, messages);
        }

        double ratio() {
            return nanos / (double) disk;
        }
    }

    /** Archives the whole history through the production writer into a new archive directory. */
    private static Round build(GeneratedHistory history, Community community, Optional<ArchiveCipher> cipher,
            BuildTarget target) throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpu0 = threads.getCurrentThreadCpuTime();
        long user0 = threads.getCurrentThreadUserTime();
        long t0 = System.nanoTime();
        ArchiveRun run;
        try (PublishSession session = target.begin(COMMUNITY)) {
            run = new ArchiveWriter(history).write(community, TimeRange.of(START, history.end()),
                    ArchiveWriter.DEFAULT_PARTITION_SECONDS, cipher, MagnetLinkFormat.INSTANCE, session);
        }
        long nanos = System.nanoTime() - t0;
        long cpu = threads.getCurrentThreadCpuTime() - cpu0;
        long user = threads.getCurrentThreadUserTime() - user0;
        long messages = run.created().stream().mapToLong(CreatedArchive::messageCount).sum();
        long data = Files.size(target.communityDir(COMMUNITY).resolve(ArchiveDirectory.DATA));
        return new Round(nanos, cpu, cpu - user, 0, 0, data, run.created().size(), messages);
    }

    /**
     * Lets the disk write back what the previous phase wrote before the next one is timed: on a virtual disk
     * whichever gigabyte comes second was measured several times slower, whatever it was.
     */
    private static void settle(int seconds) throws InterruptedException {
        Thread.sleep(seconds * 1000L);
    }

    private static double median(DoubleStream values) {
        double[] sorted = values.sorted().toArray();
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /**
     * Total bytes and nanoseconds of encoding each generated message on its own as a WakuMessage, and the
     * nanoseconds of generating them.
     */
    private static long[] plainProtobuf(GeneratedHistory history) {
        long bytes = 0;
        long encoding = 0;
        long generating = 0;
        try (Stream<ArchivedMessage> all = history.all()) {
            var it = all.iterator();
            while (true) {
                long t0 = System.nanoTime();
                if (!it.hasNext()) {
                    break;
                }
                ArchivedMessage m = it.next();
                long t1 = System.nanoTime();
                bytes += ProtoMapping.toProto(m).toByteArray().length;
                encoding += System.nanoTime() - t1;
                generating += t1 - t0;
            }
        }
        return new long[] {bytes, encoding, generating};
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
