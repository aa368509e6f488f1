package org.archivist.tool.archive;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.archivist.api.ArchiveMetadata;
import org.archivist.api.ArchivedMessage;
import org.archivist.api.TimeRange;
import org.archivist.api.host.ArchiveCipher;
import org.archivist.api.host.Community;
import org.archivist.api.host.MessageImporter;
import org.archivist.api.storage.StorageBackend;
import org.archivist.core.format.ArchiveCodec;
import org.archivist.core.format.ArchiveEnvelope;
import org.archivist.core.format.ArchiveIds;
import org.archivist.core.format.PieceLayout;
import org.archivist.core.link.MagnetLinkFormat;
import org.archivist.scheduler.bench.ImportBench;
import org.archivist.tool.Command;
import org.archivist.tool.Flags;
import org.archivist.tool.UsageException;

/**
 * {@code archivist bench-import}: encodes 1 M generated messages into archives stored as a member's downloaded
 * archives, then imports them through the scheduler's production importer ({@link ImportBench}: its
 * {@code ImportRunner} on a task pool) into a counting host importer, and prints messages/s. The rate limit
 * is set high enough not to be the bottleneck.
 */
public final class BenchImportCommand implements Command {
    /** High enough that the configured import rate is not what is measured. */
    private static final double RATE = 1e9;

    @Override
    public String name() {
        return "bench-import";
    }

    @Override
    public String usage() {
        return "bench-import [--messages <n, default 1000000>] [--per-archive <n, default 10000>]"
                + " [--payload <mean bytes, default 200>] [--encrypt]\n"
                + "         import downloaded archives through the scheduler's importer into a counting host importer;"
                + " prints messages/s";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        Quiet.engineLogs();
        Flags flags = Flags.parse(args, Set.of("messages", "per-archive", "payload"), Set.of("encrypt"));
        long total = flags.positiveLong("messages", 1_000_000);
        int perArchive = flags.intIn("per-archive", 10_000, 1, 10_000_000);
        int payload = flags.intIn("payload", 200, 100, 29_000_000);
        if (total <= 0 || perArchive <= 0 || payload < 100) {
            throw new UsageException("counts must be positive and --payload at least 100");
        }
        Optional<ArchiveCipher> cipher = flags.has("encrypt")
                ? Ciphers.fromFlag(Optional.of("42".repeat(32)))
                : Optional.empty();
        Community community = new Community(BenchBuildCommand.COMMUNITY, java.util.List.of(BenchBuildCommand.TOPICS),
                cipher.isPresent(), false, true);
        GeneratedHistory history = new GeneratedHistory(1_700_000_000L, 1, total, payload, BenchBuildCommand.TOPICS);

        out.printf("bench-import: preparing %,d messages in archives of %,d (%s) as downloaded archives...%n", total,
                perArchive, cipher.isPresent() ? "encrypted" : "plain");
        AtomicLong received = new AtomicLong();
        MessageImporter counting = (c, messages) -> received.addAndGet(messages.size());
        Path stateDir = Files.createTempDirectory("archivist-bench-import");
        try (ImportBench node = ImportBench.create(stateDir, community, counting, StorageBackend.BITTORRENT,
                new FormatOnlyBackend(MagnetLinkFormat.INSTANCE), cipher, RATE)) {
            long blobBytes = 0;
            int archives = 0;
            long offset = 0;
            for (long first = 0; first < total; first += perArchive) {
                long last = Math.min(total, first + perArchive);
                List<ArchivedMessage> messages = new ArrayList<>();
                for (long i = first; i < last; i++) {
                    messages.add(history.message(i));
                }
                ArchiveMetadata md = new ArchiveMetadata(TimeRange.of(1_700_000_000L + first, 1_700_000_000L + last),
                        List.of(BenchBuildCommand.TOPICS));
                byte[] blob = ArchiveCodec.encode(md, messages);
                if (cipher.isPresent()) {
                    blob = ArchiveEnvelope.seal(community.id(), blob, cipher.get());
                }
                var range = PieceLayout.place(offset, blob.length);
                offset = range.end();
                node.addDownloaded(ArchiveIds.entry(md, range), blob);
                blobBytes += blob.length;
                archives++;
            }
            long t0 = System.nanoTime();
            long imported = node.importAll(Duration.ofHours(1));
            double seconds = (System.nanoTime() - t0) / 1e9;
            out.printf("archives           %d (%,d bytes)%n", archives, blobBytes);
            out.printf("imported           %,d messages in %.2f s = %,.0f messages/s (%.1f MB/s of archives)%n",
                    received.get(), seconds, received.get() / seconds, blobBytes / 1e6 / seconds);
            out.printf("path               the scheduler's ImportRunner (read the downloaded archive, unseal, decode,"
                    + " validate, topic filter, chunks of 10 on the task pool, progress updates), rate limit %.0e/s%n",
                    RATE);
            if (imported != total || node.unimported() != 0) {
                err.printf("bench-import: %,d of %,d messages imported, %d archives left%n", imported, total,
                        node.unimported());
                return 1;
            }
            return 0;
        } finally {
            BenchBuildCommand.deleteTree(stateDir);
        }
    }
}
