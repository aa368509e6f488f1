package org.archivist.tool.archive;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.archivist.api.ArchiveMetadata;
import org.archivist.api.ArchivedMessage;
import org.archivist.api.IndexEntry;
import org.archivist.api.TimeRange;
import org.archivist.api.host.ArchiveCipher;
import org.archivist.api.host.Community;
import org.archivist.api.host.MessageImporter;
import org.archivist.core.format.ArchiveCodec;
import org.archivist.core.format.ArchiveEnvelope;
import org.archivist.core.format.ArchiveIds;
import org.archivist.core.format.PieceLayout;
import org.archivist.core.member.ImportPipeline;
import org.archivist.core.member.ImportSettings;
import org.archivist.core.state.CommunityStateStore;
import org.archivist.tool.Command;
import org.archivist.tool.Flags;
import org.archivist.tool.UsageException;

/**
 * {@code archivist bench-import}: encodes 1 M generated messages into archives, then imports them through
 * the real import pipeline (unseal, decode, validate, topic filter, batches, state updates) into an
 * in-memory importer, and prints messages/s. The rate limit is set high enough not to be the bottleneck.
 */
public final class BenchImportCommand implements Command {
    @Override
    public String name() {
        return "bench-import";
    }

    @Override
    public String usage() {
        return "bench-import [--messages <n, default 1000000>] [--per-archive <n, default 10000>]"
                + " [--payload <mean bytes, default 200>] [--batch <n, default 10>] [--encrypt]\n"
                + "         import archived messages into an in-memory importer; prints messages/s";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        Quiet.engineLogs();
        Flags flags = Flags.parse(args, Set.of("messages", "per-archive", "payload", "batch"), Set.of("encrypt"));
        long total = flags.positiveLong("messages", 1_000_000);
        int perArchive = flags.intIn("per-archive", 10_000, 1, 10_000_000);
        int payload = flags.intIn("payload", 200, 100, 29_000_000);
        int batch = flags.intIn("batch", 10, 1, 1_000_000);
        if (total <= 0 || perArchive <= 0 || payload < 100 || batch <= 0) {
            throw new UsageException("counts must be positive and --payload at least 100");
        }
        Optional<ArchiveCipher> cipher = flags.has("encrypt")
                ? Ciphers.fromFlag(Optional.of("42".repeat(32)))
                : Optional.empty();
        Community community = new Community(BenchBuildCommand.COMMUNITY, java.util.List.of(BenchBuildCommand.TOPICS),
                cipher.isPresent(), false, true);
        GeneratedHistory history = new GeneratedHistory(1_700_000_000L, 1, total, payload, BenchBuildCommand.TOPICS);

        out.printf("bench-import: preparing %,d messages in archives of %,d (%s)...%n", total, perArchive,
                cipher.isPresent() ? "encrypted" : "plain");
        List<IndexEntry> entries = new ArrayList<>();
        List<byte[]> blobs = new ArrayList<>();
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
            entries.add(ArchiveIds.entry(md, range));
            blobs.add(blob);
        }
        long blobBytes = blobs.stream().mapToLong(b -> b.length).sum();

        AtomicLong received = new AtomicLong();
        List<ArchivedMessage> sink = new ArrayList<>();
        MessageImporter inMemory = (c, messages) -> {
            sink.addAll(messages);
            received.addAndGet(messages.size());
        };
        Path stateDir = Files.createTempDirectory("archivist-bench-import");
        try {
            ImportPipeline pipeline = ImportPipeline.create(inMemory, new CommunityStateStore(stateDir),
                    new ImportSettings(batch, 1e9));
            long t0 = System.nanoTime();
            for (int i = 0; i < entries.size(); i++) {
                pipeline.importArchive(community, entries.get(i), blobs.get(i), cipher);
                sink.clear();
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            out.printf("archives           %d (%,d bytes)%n", entries.size(), blobBytes);
            out.printf("imported           %,d messages in %.2f s = %,.0f messages/s (%.1f MB/s of archives)%n",
                    received.get(), seconds, received.get() / seconds, blobBytes / 1e6 / seconds);
            return received.get() == total ? 0 : 1;
        } finally {
            BenchBuildCommand.deleteTree(stateDir);
        }
    }
}
