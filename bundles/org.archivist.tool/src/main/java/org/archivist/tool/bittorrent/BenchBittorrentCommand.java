package org.archivist.tool.bittorrent;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.archivist.api.ArchiveLocation;
import org.archivist.api.ArchiveMetadata;
import org.archivist.api.CommunityId;
import org.archivist.api.ContentTopic;
import org.archivist.api.IndexEntry;
import org.archivist.api.TimeRange;
import org.archivist.api.storage.PublishSession;
import org.archivist.core.format.ArchiveIds;
import org.archivist.core.format.IndexCodec;
import org.archivist.storage.bittorrent.internal.BitTorrentBackend;
import org.archivist.storage.bittorrent.internal.BitTorrentSettings;
import org.archivist.storage.bittorrent.internal.engine.EngineSettings;
import org.archivist.storage.bittorrent.internal.engine.FetchSession;
import org.archivist.storage.bittorrent.internal.engine.bt.BtEngine;
import org.archivist.storage.bittorrent.internal.metainfo.MagnetLink;
import org.archivist.storage.bittorrent.internal.metainfo.Metainfo;
import org.archivist.tool.Command;
import org.archivist.tool.Flags;
import org.archivist.tool.UsageException;

/**
 * {@code archivist bench-bittorrent}: publishes ~200 MB of archives on an Archivist seed (loopback, no DHT,
 * no trackers), then downloads the whole set once with Archivist's engine and once with python3-libtorrent,
 * checks both copies byte for byte, and prints both times and their ratio.
 */
public final class BenchBittorrentCommand implements Command {
    private static final double MIB = 1024.0 * 1024.0;
    private static final CommunityId COMMUNITY = CommunityId.of("0x02" + "be".repeat(32));

    @Override
    public String name() {
        return "bench-bittorrent";
    }

    @Override
    public String usage() {
        return "bench-bittorrent [--size-mb 200] [--archive-mb 10] [--dir D]   download from a loopback seed:"
                + " Archivist (bt) vs python3-libtorrent, times and ratio";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        BtLogging.quiet();
        Flags o = Flags.parse(args, Set.of("size-mb", "archive-mb", "dir"));
        int sizeMb = (int) o.longOr("size-mb", 200);
        int archiveMb = (int) o.longOr("archive-mb", 10);
        if (sizeMb < 1 || archiveMb < 1 || archiveMb > 28) {
            throw new UsageException("--size-mb must be at least 1 and --archive-mb between 1 and 28 (status-go caps"
                    + " archives at 30 MB)");
        }
        String python = "/usr/bin/python3";
        if (!Files.isExecutable(Path.of(python))) {
            err.println("archivist bench-bittorrent: " + python + " is missing (apt-get install python3-libtorrent)");
            return 1;
        }
        Path base = o.optional("dir").isEmpty() ? null : Files.createDirectories(Path.of(o.optional("dir").get()));
        Path work = base == null ? Files.createTempDirectory("bench-bittorrent")
                : Files.createTempDirectory(base, "bench-bittorrent");
        out.println("work directory " + work);

        BitTorrentSettings ownerSettings = new BitTorrentSettings(work.resolve("owner/archivedata"),
                work.resolve("owner/torrents"), Metainfo.STATUS_TRACKERS, "archivist-bench", Duration.ofSeconds(60),
                List.of(), false);
        try (BitTorrentBackend owner = new BitTorrentBackend(ownerSettings, new BtEngine(EngineSettings.loopback()),
                Optional.empty(), Clock.systemUTC())) {
            long t0 = System.nanoTime();
            String link = publish(owner, sizeMb, archiveMb);
            double publishSeconds = (System.nanoTime() - t0) / 1e9;
            MagnetLink magnet = MagnetLink.parse(link);
            Path source = ownerSettings.dataDir().resolve(COMMUNITY.hex());
            long bytes = Files.size(source.resolve("data")) + Files.size(source.resolve("index"));
            out.printf("seed: %d archives, %.1f MiB published, hashed and seeded in %.1f s (port %d)%n",
                    sizeMb / archiveMb + (sizeMb % archiveMb == 0 ? 0 : 1), bytes / MIB, publishSeconds, owner.port());
            String peer = "127.0.0.1:" + owner.port();

            double archivist = archivistDownload(magnet, peer, work.resolve("member-archivist"), source, out);
            double libtorrent = libtorrentDownload(python, magnet, peer, work, source, out, err);
            if (libtorrent < 0) {
                return 1;
            }
            out.println();
            out.printf("%-24s %8.2f s  %7.1f MiB/s%n", "Archivist (bt 1.10)", archivist, bytes / MIB / archivist);
            out.printf("%-24s %8.2f s  %7.1f MiB/s%n", "python3-libtorrent", libtorrent, bytes / MIB / libtorrent);
            out.printf("ratio Archivist/libtorrent time: %.2f%n", archivist / libtorrent);
        } finally {
            deleteQuietly(work);
        }
        return 0;
    }

    private static String publish(BitTorrentBackend owner, int sizeMb, int archiveMb) throws Exception {
        SplittableRandom random = new SplittableRandom(42);
        ContentTopic topic = ContentTopic.of("01020304");
        long start = 1_577_836_800L;
        long week = 7 * 24 * 3600L;
        try (PublishSession session = owner.beginPublish(COMMUNITY)) {
            List<IndexEntry> entries = new ArrayList<>();
            int week0 = 0;
            for (long left = sizeMb * 1024L * 1024; left > 0; left -= archiveMb * 1024L * 1024, week0++) {
                byte[] blob = new byte[(int) Math.min(left, archiveMb * 1024L * 1024)];
                random.nextBytes(blob);
                ArchiveLocation location = session.append(blob);
                ArchiveMetadata metadata = new ArchiveMetadata(
                        TimeRange.of(start + week0 * week, start + (week0 + 1) * week), List.of(topic));
                entries.add(ArchiveIds.entry(metadata, location));
            }
            return session.commit(IndexCodec.encode(IndexCodec.Shape.PIECE_RANGES, entries));
        }
    }

    private static double archivistDownload(MagnetLink magnet, String peer, Path dir, Path source, PrintStream out)
            throws Exception {
        long t0 = System.nanoTime();
        try (BtEngine engine = new BtEngine(EngineSettings.loopback().withStallTimeout(Duration.ofSeconds(120)));
                FetchSession fetch = engine.fetch(magnet.withPeers(List.of(peer)), Files.createDirectories(dir))) {
            Metainfo torrent = fetch.awaitMetadata(Duration.ofSeconds(60));
            double metadata = (System.nanoTime() - t0) / 1e9;
            BitSet all = new BitSet();
            all.set(0, torrent.pieceCount());
            ProgressBar bar = new ProgressBar(out);
            out.print("Archivist  ");
            fetch.awaitPieces(all, (dp, tp, db, tb) -> bar.update(db, tb, dp == tp));
            bar.finish();
            out.printf("Archivist: metadata after %.2f s, every piece after %.2f s%n", metadata,
                    (System.nanoTime() - t0) / 1e9);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        check(source, dir.resolve(COMMUNITY.hex()));
        return seconds;
    }

    private static double libtorrentDownload(String python, MagnetLink magnet, String peer, Path work, Path source,
            PrintStream out, PrintStream err) throws Exception {
        Path script = work.resolve("lt_download.py");
        try (InputStream in = BenchBittorrentCommand.class.getResourceAsStream("/bittorrent/lt_download.py")) {
            Files.copy(in, script);
        }
        Path dir = Files.createDirectories(work.resolve("member-libtorrent"));
        out.println("libtorrent downloading...");
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(python, script.toString(), magnet.toString(), dir.toString(), peer, "600")
                .redirectErrorStream(true).start();
        String done = null;
        StringBuilder transcript = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                transcript.append(line).append('\n');
                if (line.startsWith("DONE")) {
                    done = line;
                }
            }
        }
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (done == null) {
            err.println("archivist bench-bittorrent: libtorrent did not finish:\n" + transcript);
            return -1;
        }
        out.printf("libtorrent: %s s inside python (process included: %.2f s)%n", done.split(" ")[1], seconds);
        check(source, dir.resolve(COMMUNITY.hex()));
        return seconds;
    }

    private static void check(Path expected, Path actual) throws Exception {
        for (String file : List.of("data", "index")) {
            if (Files.mismatch(expected.resolve(file), actual.resolve(file)) != -1) {
                throw new IllegalStateException(actual.resolve(file) + " differs from the seed's copy");
            }
        }
    }

    private static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (Exception ignored) {
            // best effort
        }
    }
}
