package org.archivist.tool.bittorrent;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import org.archivist.api.ArchiveLocation;
import org.archivist.api.ArchiveMetadata;
import org.archivist.api.CommunityId;
import org.archivist.api.ContentTopic;
import org.archivist.api.IndexEntry;
import org.archivist.api.TimeRange;
import org.archivist.api.storage.PublishSession;
import org.archivist.core.format.ArchiveIds;
import org.archivist.core.format.IndexCodec;
import org.archivist.api.storage.StorageBackend;
import org.archivist.storage.bittorrent.BitTorrentBackends;
import org.archivist.storage.bittorrent.BitTorrentBackends.EmbeddedBitTorrent;
import org.archivist.storage.bittorrent.MagnetUri;
import org.archivist.tool.Command;
import org.archivist.tool.Flags;
import org.archivist.tool.UsageException;

/**
 * {@code archivist bench-bittorrent}: publishes ~200 MB of archives on an Archivist seed (loopback, no DHT,
 * no trackers) and serves the same files from a python3-libtorrent seed; then, round after round and from
 * each seed, times whole processes as a user would: {@code archivist fetch} (a fresh JVM) against
 * python3-libtorrent's own download script, checks every copy byte for byte, and prints the medians side by
 * side with their ratio. A run that fails or passes its deadline is counted as a stall: {@code --rounds 20}
 * is the soak.
 */
public final class BenchBittorrentCommand implements Command {
    private static final double MIB = 1024.0 * 1024.0;
    private static final CommunityId COMMUNITY = CommunityId.of("0x02" + "be".repeat(32));
    private static final Duration RUN_DEADLINE = Duration.ofSeconds(180);
    private static final String PYTHON = "/usr/bin/python3";

    @Override
    public String name() {
        return "bench-bittorrent";
    }

    @Override
    public String usage() {
        return "bench-bittorrent [--size-mb 200] [--archive-mb 10] [--rounds 1] [--encrypted] [--engine libtorrent|bt]"
                + " [--dir D]   whole-process"
                + " downloads from an Archivist and a libtorrent seed: archivist fetch vs python3-libtorrent, medians,"
                + " ratios, stalls";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        BtLogging.quiet();
        Flags o = Flags.parse(args, Set.of("size-mb", "archive-mb", "dir", "rounds", "engine"), Set.of("encrypted"),
                Set.of());
        long sizeMb = o.longOr("size-mb", 200);
        long archiveMb = o.longOr("archive-mb", 10);
        long rounds = o.longOr("rounds", 1);
        if (sizeMb < 1 || sizeMb > 4096 || archiveMb < 1 || archiveMb > 28 || rounds < 1 || rounds > 1000) {
            throw new UsageException("--size-mb must be 1..4096, --archive-mb 1..28 (status-go caps archives at"
                    + " 30 MB), --rounds 1..1000");
        }
        if (!Files.isExecutable(Path.of(PYTHON))) {
            err.println("archivist bench-bittorrent: " + PYTHON + " is missing (apt-get install python3-libtorrent)");
            return 1;
        }
        boolean encrypted = o.has("encrypted");
        String engine = o.optional("engine").orElse("libtorrent");
        if (!engine.equals("libtorrent") && !engine.equals("bt")) {
            throw new UsageException("--engine must be libtorrent or bt, got '" + engine + "'");
        }
        Path base = o.optional("dir").isEmpty() ? null : Files.createDirectories(Path.of(o.optional("dir").get()));
        Path work = base == null ? Files.createTempDirectory("bench-bittorrent")
                : Files.createTempDirectory(base, "bench-bittorrent");
        out.println("work directory " + work);

        out.println("engine " + engine + " (the Archivist seed's and archivist fetch's); load average "
                + loadAverage());
        try (EmbeddedBitTorrent owner = BitTorrentBackends.embedded(work.resolve("owner")).engine(engine)
                .createdBy("archivist-bench")
                .metadataTimeout(Duration.ofSeconds(60)).start()) {
            long t0 = System.nanoTime();
            String link = publish(owner.backend(), (int) sizeMb, (int) archiveMb);
            MagnetUri magnet = MagnetUri.parse(link);
            Path source = owner.communityDir(COMMUNITY);
            long bytes = Files.size(source.resolve("data")) + Files.size(source.resolve("index"));
            out.printf("Archivist seed: %.1f MiB in %d archives, published, hashed and seeded in %.1f s (port %d)%n",
                    bytes / MIB, (sizeMb + archiveMb - 1) / archiveMb, (System.nanoTime() - t0) / 1e9, owner.port());
            Path torrentFile = owner.torrentFile(COMMUNITY);
            try (LibtorrentSeed ltSeed = LibtorrentSeed.start(PYTHON, work, torrentFile, source.getParent(),
                    encrypted)) {
                out.printf("libtorrent seed: the same files (port %d%s)%n", ltSeed.port(),
                        encrypted ? ", encrypted connections only" : "");
                Map<String, Integer> seeds = new LinkedHashMap<>();
                seeds.put("Archivist seed", owner.port());
                seeds.put("libtorrent seed", ltSeed.port());
                Runs runs = new Runs();
                for (int round = 1; round <= rounds; round++) {
                    for (Map.Entry<String, Integer> seed : seeds.entrySet()) {
                        String peer = "127.0.0.1:" + seed.getValue();
                        double archivist = timed(archivistFetch(magnet, peer, work.resolve("a"), engine), "archivist fetch",
                                work.resolve("a"), source, out);
                        double libtorrent = timed(libtorrentDownload(work, magnet, peer, work.resolve("l")),
                                "python3-libtorrent", work.resolve("l"), source, out);
                        runs.add(seed.getKey(), archivist, libtorrent);
                        out.printf("round %d, %-16s archivist fetch %s%s   python3-libtorrent %s   (load %s)%n",
                                round, seed.getKey() + ":", Runs.format(archivist), lastInProcess,
                                Runs.format(libtorrent), loadAverage());
                    }
                }
                out.println();
                runs.print(bytes, rounds, out);
                out.println("load average at the end " + loadAverage());
                return runs.stalls() == 0 ? 0 : 2;
            }
        } finally {
            deleteQuietly(work);
        }
    }

    /** The machine's 1, 5 and 15 minute load averages, to print beside the figures (shared machines). */
    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (Exception e) {
            return String.format("%.2f", java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                    .getSystemLoadAverage());
        }
    }

    private static List<String> archivistFetch(MagnetUri magnet, String peer, Path dir, String engine) {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path")));
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("archivist.bt.") || k.startsWith("archivist.lt."))
                .forEach(k -> command.add("-D" + k + "=" + System.getProperty(k)));
        command.addAll(List.of("org.archivist.tool.Main", "fetch", magnet.toString(), "--data-dir", dir.toString(),
                "--peer", peer, "--bind", "127.0.0.1", "--no-trackers", "--engine", engine, "--timeout",
                String.valueOf(RUN_DEADLINE.toSeconds() - 10)));
        return command;
    }

    private static List<String> libtorrentDownload(Path work, MagnetUri magnet, String peer, Path dir)
            throws Exception {
        Path script = LibtorrentSeed.copyScript(work, "lt_download.py");
        return List.of(PYTHON, script.toString(), magnet.toString(), Files.createDirectories(dir).toString(), peer,
                String.valueOf(RUN_DEADLINE.toSeconds() - 10));
    }

    /** What the last archivist fetch printed of its own clock (engine start to metadata, to done), for the round. */
    private static String lastInProcess = "";

    /** Runs one download process, checks its copy, deletes it; returns its seconds, or NaN for a stall. */
    private static double timed(List<String> command, String who, Path dir, Path source, PrintStream out)
            throws Exception {
        TimedProcess.Result result = TimedProcess.run(command, RUN_DEADLINE);
        if (who.equals("archivist fetch")) {
            lastInProcess = inProcess(result.output());
        }
        try {
            if (!result.ok()) {
                out.printf("STALL: %s exited %d after %.1f s:%n%s", who, result.exitCode(), result.seconds(),
                        tail(result.output()));
                return Double.NaN;
            }
            check(source, dir.resolve(COMMUNITY.hex()));
            return result.seconds();
        } finally {
            deleteQuietly(dir);
        }
    }

    /** " (metadata at M s, done at D s in process)" from archivist fetch's output, or "" when it did not say. */
    static String inProcess(String output) {
        java.util.regex.Matcher metadata = java.util.regex.Pattern.compile("metadata: .*\\(([0-9.]+) s\\)")
                .matcher(output);
        java.util.regex.Matcher done = java.util.regex.Pattern.compile("done: .* in ([0-9.]+) s").matcher(output);
        if (!metadata.find() || !done.find()) {
            return "";
        }
        return " (in process: metadata at " + metadata.group(1) + " s, done at " + done.group(1) + " s)";
    }

    private static String tail(String output) {
        String[] lines = output.split("\n");
        return String.join("\n", Arrays.copyOfRange(lines, Math.max(0, lines.length - 8), lines.length)) + "\n";
    }

    private static String publish(StorageBackend owner, int sizeMb, int archiveMb) throws Exception {
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
