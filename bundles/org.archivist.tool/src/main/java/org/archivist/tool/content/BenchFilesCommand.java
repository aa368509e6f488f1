package org.archivist.tool.content;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.archivist.api.CommunityId;
import org.archivist.api.content.BlobStore;
import org.archivist.api.content.FileLink;
import org.archivist.api.content.FileMetadata;
import org.archivist.api.content.PublishHandle;
import org.archivist.api.storage.StorageBackend;
import org.archivist.codex.emulator.CodexEmulator;
import org.archivist.codex.emulator.EmulatorConfig;
import org.archivist.content.FileServices;
import org.archivist.host.reference.ReferenceNode;
import org.archivist.storage.bittorrent.content.BitTorrentBlobStores;
import org.archivist.storage.codex.client.CodexClientConfig;
import org.archivist.storage.codex.content.CodexBlobStores;
import org.archivist.tool.Command;
import org.archivist.tool.UsageException;

/**
 * {@code archivist bench-files}: a sender's file service publishes a file (50 MiB by default) and a receiver's,
 * on another node, fetches it, on each backend: two Codex emulators (the receiver's fetching from the sender's),
 * then two embedded BitTorrent engines; every copy is compared with the original by SHA-256. Prints, per round,
 * the time until the link is known, until the file is stored, and the receiver's fetch (verified, decrypted with
 * {@code --encrypted}), then the medians.
 */
public final class BenchFilesCommand implements Command {
    private static final double MB = 1024.0 * 1024.0;

    @Override
    public String name() {
        return "bench-files";
    }

    @Override
    public String usage() {
        return "bench-files [--size-mb 50] [--rounds 3] [--backend codex|bittorrent|all] [--encrypted] [--dir D]"
                + "   publish + fetch of a file per backend on loopback: link, stored and fetch times, bytes checked";
    }

    private record Round(double link, double stored, double fetch) {
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        long sizeMb = 50;
        int rounds = 3;
        String backend = "all";
        boolean encrypted = false;
        Path base = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--encrypted")) {
                encrypted = true;
                continue;
            }
            if (i + 1 >= args.size()) {
                throw new UsageException(a + " needs a value");
            }
            String v = args.get(++i);
            try {
                switch (a) {
                    case "--size-mb" -> sizeMb = Long.parseLong(v);
                    case "--rounds" -> rounds = Integer.parseInt(v);
                    case "--backend" -> backend = v;
                    case "--dir" -> base = Path.of(v);
                    default -> throw new UsageException("unknown option " + a);
                }
            } catch (NumberFormatException e) {
                throw new UsageException(a + " needs a number, not '" + v + "'");
            }
        }
        if (sizeMb < 1 || sizeMb > 50 || rounds < 1) {
            throw new UsageException("--size-mb is 1 to 50 (the largest file accepted) and --rounds at least 1");
        }
        if (!List.of("codex", "bittorrent", "all").contains(backend)) {
            throw new UsageException("--backend is codex, bittorrent or all");
        }
        Path work = base == null ? Files.createTempDirectory("bench-files")
                : Files.createTempDirectory(Files.createDirectories(base), "bench-files");
        try (ReferenceNode senderHost = ReferenceNode.loopback(work.resolve("sender-host"), "sender", List.of());
                ReferenceNode receiverHost = ReferenceNode.loopback(work.resolve("receiver-host"), "receiver",
                        List.of())) {
            CommunityId community = null;
            if (encrypted) {
                byte[] key = ReferenceNode.newCommunityKey(new SecureRandom());
                byte[] groupKey = new byte[32];
                new SecureRandom().nextBytes(groupKey);
                var material = new ReferenceNode.GroupKeyMaterial(System.currentTimeMillis(), groupKey);
                community = senderHost.own(key, ReferenceNode.topicsOf(ReferenceNode.communityIdOf(key), "files"),
                        material);
                receiverHost.join(community, ReferenceNode.topicsOf(community, "files"), material);
            }
            out.printf("file %d MiB, %d rounds, %s, loopback%n", sizeMb, rounds, encrypted
                    ? "encrypted community (reference host cipher)" : "plain");
            int failures = 0;
            for (String type : backend.equals("all") ? List.of("codex", "bittorrent") : List.of(backend)) {
                List<Round> results = new ArrayList<>();
                for (int r = 0; r < rounds; r++) {
                    Path roundDir = Files.createDirectories(work.resolve(type + "-" + r));
                    Path file = roundDir.resolve("payload.bin");
                    writeRandom(file, sizeMb * 1024 * 1024, r * 31L + type.hashCode());
                    Round round = type.equals("codex")
                            ? codexRound(roundDir, file, senderHost, receiverHost, community, err)
                            : bittorrentRound(roundDir, file, senderHost, receiverHost, community, err);
                    if (round == null) {
                        failures++;
                        continue;
                    }
                    results.add(round);
                    out.printf("%-10s round %d: link %.2f s, stored %.2f s, fetch %.2f s (%.1f MB/s), bytes equal%n",
                            type, r + 1, round.link, round.stored, round.fetch, sizeMb / round.fetch);
                }
                if (!results.isEmpty()) {
                    out.printf("%-10s median: link %.2f s, stored %.2f s, fetch %.2f s%n", type,
                            median(results, Round::link), median(results, Round::stored), median(results, Round::fetch));
                }
            }
            return failures == 0 ? 0 : 1;
        } finally {
            deleteTree(work);
        }
    }

    private Round codexRound(Path dir, Path file, ReferenceNode senderHost, ReferenceNode receiverHost,
            CommunityId community, PrintStream err) throws Exception {
        try (CodexEmulator senderNode = CodexEmulator.start(EmulatorConfig.builder().dataDir(dir.resolve("node-s"))
                .maintenanceInterval(Duration.ZERO).build());
                CodexEmulator receiverNode = CodexEmulator.start(EmulatorConfig.builder()
                        .dataDir(dir.resolve("node-r")).maintenanceInterval(Duration.ZERO)
                        .peer(senderNode.baseUri()).build());
                var sender = CodexBlobStores.connect(CodexClientConfig.builder(senderNode.baseUri()).build(),
                        dir.resolve("blobs-s"));
                var receiver = CodexBlobStores.connect(CodexClientConfig.builder(receiverNode.baseUri()).build(),
                        dir.resolve("blobs-r"))) {
            return round(dir, file, StorageBackend.CODEX, sender.store(), receiver.store(), senderHost, receiverHost,
                    community, err);
        }
    }

    private Round bittorrentRound(Path dir, Path file, ReferenceNode senderHost, ReferenceNode receiverHost,
            CommunityId community, PrintStream err) throws Exception {
        try (var sender = BitTorrentBlobStores.embedded(dir.resolve("bt-s")).start();
                var receiver = BitTorrentBlobStores.embedded(dir.resolve("bt-r")).start()) {
            return round(dir, file, StorageBackend.BITTORRENT, sender.store(), receiver.store(), senderHost,
                    receiverHost, community, err);
        }
    }

    private Round round(Path dir, Path file, String type, BlobStore senderStore, BlobStore receiverStore,
            ReferenceNode senderHost, ReferenceNode receiverHost, CommunityId community, PrintStream err)
            throws Exception {
        try (var s = FileServices.builder(dir.resolve("files-s")).store(type, senderStore)
                .host(senderHost.cipher(), senderHost.directory()).start();
                var r = FileServices.builder(dir.resolve("files-r")).store(type, receiverStore)
                        .host(receiverHost.cipher(), receiverHost.directory()).start()) {
            FileMetadata metadata = community == null ? FileMetadata.plain("payload.bin")
                    : FileMetadata.in(community, "payload.bin");
            long start = System.nanoTime();
            PublishHandle handle = s.service().publish(file, metadata);
            FileLink link = handle.link().get(5, TimeUnit.MINUTES);
            double linkAt = seconds(start);
            handle.result().get(5, TimeUnit.MINUTES);
            double storedAt = seconds(start);
            long fetchStart = System.nanoTime();
            Path got = r.service().fetch(FileLink.parse(link.encode())).result().get(5, TimeUnit.MINUTES);
            double fetch = seconds(fetchStart);
            if (!Arrays.equals(sha256(file), sha256(got))) {
                err.printf("%s: the fetched file differs from the original%n", type);
                return null;
            }
            return new Round(linkAt, storedAt, fetch);
        }
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static double median(List<Round> rounds, java.util.function.ToDoubleFunction<Round> f) {
        double[] v = rounds.stream().mapToDouble(f).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static void writeRandom(Path file, long size, long seed) throws IOException {
        Random random = new Random(seed);
        byte[] buffer = new byte[1 << 20];
        try (OutputStream o = Files.newOutputStream(file)) {
            for (long left = size; left > 0; left -= buffer.length) {
                random.nextBytes(buffer);
                o.write(buffer, 0, (int) Math.min(buffer.length, left));
            }
        }
    }

    private static byte[] sha256(Path file) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(file)) {
            byte[] b = new byte[1 << 16];
            for (int n; (n = in.read(b)) > 0;) {
                sha.update(b, 0, n);
            }
        }
        return sha.digest();
    }

    static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var walk = Files.walk(root)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
