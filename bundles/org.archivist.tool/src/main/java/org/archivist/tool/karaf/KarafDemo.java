package org.archivist.tool.karaf;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.archivist.api.CommunityId;
import org.archivist.codex.emulator.CodexEmulator;
import org.archivist.codex.emulator.EmulatorConfig;
import org.archivist.host.reference.ReferenceNode;

/**
 * {@code archivist demo --karaf}: the scenario of {@code archivist demo} with each node in its own Karaf
 * instance of the distribution. The owner and two members (one following magnet links, one following Codex
 * index CIDs) are configured only through files written into their {@code etc/}; the owner's history is
 * loaded through the reference host's {@code host:load}; the verdict compares {@code host:count} (count and
 * hash sum) of each member with the owner's. Exit 0 only if each member holds exactly the owner's messages.
 */
public final class KarafDemo {
    private static final Duration DEADLINE = Duration.ofMinutes(3);
    private static final String TOPICS = "general,random,-memberUpdate";

    private final Path dir;
    private final Path distribution;
    private final int weeks;
    private final PrintStream out;
    private final long started = System.nanoTime();
    private final SecureRandom random = new SecureRandom();
    private final List<AutoCloseable> resources = new ArrayList<>();

    KarafDemo(Path dir, Path distribution, int weeks, PrintStream out) {
        this.dir = dir;
        this.distribution = distribution;
        this.weeks = weeks;
        this.out = out;
    }

    public static void main(String[] args) {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        Path dir = null;
        Path distribution = Path.of(System.getProperty("archivist.distribution", ""));
        int weeks = 3;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--karaf" -> { }
                    case "--dir" -> dir = Path.of(value(args, ++i));
                    case "--weeks" -> weeks = weeks(value(args, ++i));
                    case "--distribution" -> distribution = Path.of(value(args, ++i));
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            if (!Files.isRegularFile(distribution)) {
                throw new IllegalArgumentException("the distribution tar.gz is missing: '" + distribution
                        + "' (./archivist demo --karaf builds it)");
            }
            if (dir == null) {
                dir = Path.of("archivist-data", "karaf-demo-" + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
                        .format(LocalDateTime.now(ZoneOffset.UTC)));
            }
            if (Files.exists(dir) && Files.list(dir).findAny().isPresent()) {
                throw new IllegalArgumentException("--dir " + dir + " is not empty; give a new directory");
            }
        } catch (IllegalArgumentException | IOException e) {
            System.err.println("archivist demo --karaf: " + e.getMessage());
            System.err.println("usage: archivist demo --karaf [--dir D] [--weeks N]");
            System.exit(2);
            return;
        }
        int status;
        try {
            status = new KarafDemo(dir.toAbsolutePath(), distribution.toAbsolutePath(), weeks, System.out).run();
        } catch (Exception e) {
            System.out.println("FAILED: " + e.getMessage());
            status = 1;
        }
        System.exit(status);
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(args[i - 1] + " needs a value");
        }
        return args[i];
    }

    private static int weeks(String v) {
        try {
            int w = Integer.parseInt(v);
            if (w < 1 || w > 52) {
                throw new IllegalArgumentException("--weeks must be between 1 and 52, got " + w);
            }
            return w;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--weeks needs a number, not '" + v + "'");
        }
    }

    int run() throws Exception {
        try {
            return steps();
        } finally {
            for (int i = resources.size() - 1; i >= 0; i--) {
                try {
                    resources.get(i).close();
                } catch (Exception ignored) {
                    // shutting down anyway
                }
            }
            say("all Karaf instances and Codex nodes stopped");
        }
    }

    private <T extends AutoCloseable> T keep(T r) {
        resources.add(r);
        return r;
    }

    private void say(String format, Object... args) {
        out.printf("[%6.2fs] %s%n", (System.nanoTime() - started) / 1e9, String.format(format, args));
        out.flush();
    }

    private int steps() throws Exception {
        say("Archivist demo in Karaf, in %s (distribution %s)", dir, distribution.getFileName());
        byte[] key = ReferenceNode.newCommunityKey(random);
        CommunityId id = ReferenceNode.communityIdOf(key);

        // 1. three instances and two Codex nodes
        KarafNode owner = keep(new KarafNode("owner", dir.resolve("owner")));
        KarafNode btMember = keep(new KarafNode("member-bittorrent", dir.resolve("member-bittorrent")));
        KarafNode codexMember = keep(new KarafNode("member-codex", dir.resolve("member-codex")));
        CodexEmulator ownerCodex = keep(CodexEmulator.start(EmulatorConfig.builder()
                .dataDir(dir.resolve("codex-owner-node")).build()));
        CodexEmulator memberCodex = keep(CodexEmulator.start(EmulatorConfig.builder()
                .dataDir(dir.resolve("codex-member-node")).peer(ownerCodex.baseUri()).build()));
        for (KarafNode n : List.of(owner, btMember, codexMember)) {
            n.unpack(distribution);
            boolean isOwner = n == owner;
            n.config("org.archivist.storage.bittorrent", Map.of("listenPort", String.valueOf(n.bittorrentPort),
                    "peerHints", isOwner ? "" : "127.0.0.1:" + owner.bittorrentPort));
            n.config("org.archivist.storage.codex", Map.of("baseUrl",
                    (isOwner || n == btMember ? ownerCodex : memberCodex).baseUri().toString()));
            n.config("org.archivist.host.reference.channel", Map.of("port", String.valueOf(n.channelPort),
                    "peers", isOwner ? btMember.channelPort + "," + codexMember.channelPort : ""));
            n.start();
        }
        say("step 1: three Karaf instances of the distribution starting, configured through etc/ files only:");
        for (KarafNode n : List.of(owner, btMember, codexMember)) {
            say("        %-17s %s  ssh 127.0.0.1:%d, BitTorrent 127.0.0.1:%d, channel 127.0.0.1:%d", n.name, n.home,
                    n.sshPort, n.bittorrentPort, n.channelPort);
        }
        say("        Codex: owner's emulated node %s, member-codex's %s (fetches from the owner's)",
                ownerCodex.baseUri(), memberCodex.baseUri());
        for (KarafNode n : List.of(owner, btMember, codexMember)) {
            waitFor(n, "archive:list");
        }
        say("        all three up: their shells answer and archive:list works");

        // 2. the community, at run time, through etc/ files
        for (KarafNode n : List.of(owner, btMember, codexMember)) {
            boolean isOwner = n == owner;
            n.config("org.archivist.host.reference.community-demo", Map.of("communityId", id.hex(),
                    "privateKey", isOwner ? HexFormat.of().formatHex(key) : "", "topics", TOPICS,
                    "controlNode", String.valueOf(isOwner), "joined", "true"));
        }
        btMember.config("org.archivist.scheduler.community-demo", Map.of("communityId", id.hex(),
                "distribution", "bittorrent", "importRate", "1000"));
        codexMember.config("org.archivist.scheduler.community-demo", Map.of("communityId", id.hex(),
                "distribution", "codex", "importRate", "1000"));
        say("step 2: community %s written into each etc/ (org.archivist.host.reference.community-demo.cfg; the"
                + " members' org.archivist.scheduler.community-demo.cfg: one follows magnet links, one Codex CIDs)", id);

        // 3. history through the owner's shell
        Path history = dir.resolve("history.jsonl");
        List<byte[]> hashes = writeHistory(history, id);
        int messages = hashes.size();
        String loaded = waitFor(owner, "host:load " + id.hex() + " " + history);
        String ownerCount = count(owner, id);
        say("step 3: owner's shell: %s; host:count: %s", loaded.trim(), ownerCount);
        if (!ownerCount.equals(expectedCount(hashes))) {
            say("FAILED: the owner holds '%s', the history file has '%s'", ownerCount, expectedCount(hashes));
            return 1;
        }

        // 4. the owner's archive configuration: archives at once (the oldest message is older than 7 days)
        owner.config("org.archivist.scheduler.community-demo", Map.of("communityId", id.hex(), "backend", "both",
                "interval", "P7D"));
        say("step 4: owner's etc/org.archivist.scheduler.community-demo.cfg written: backend both, interval 7 days;"
                + " the history is older than that, so it archives up to now at once");
        String status = waitUntil(owner, "archive:status " + id.hex(), s -> s.contains("magnet:")
                && s.lines().filter(l -> l.startsWith("Link")).count() == 2);
        status.lines().filter(l -> l.startsWith("Link") || l.startsWith("Last archive")).forEach(l -> say("        %s", l));

        // 5. members
        say("step 5: the members verify the signed announcements, download the archives and import them");
        boolean ok = true;
        for (KarafNode m : List.of(btMember, codexMember)) {
            long t0 = System.nanoTime();
            String seen;
            try {
                seen = waitUntil(m, "host:count " + id.hex(), s -> normalize(s).equals(ownerCount));
            } catch (IllegalStateException timeout) {
                seen = normalize(m.client("host:count " + id.hex()));
            }
            boolean exact = normalize(seen).equals(ownerCount);
            ok &= exact;
            String memberStatus = m.client("archive:status " + id.hex());
            say("        %s: %s after %.1fs -> %s", m.name, normalize(seen), (System.nanoTime() - t0) / 1e9,
                    exact ? "exactly the owner's messages" : "MISMATCH (owner: " + ownerCount + ")");
            memberStatus.lines().filter(l -> l.startsWith("Archives") || l.startsWith("Imported") || l.startsWith("Link"))
                    .forEach(l -> say("          %s", l));
        }
        say(ok ? "OK: each member holds exactly the owner's %d messages" : "FAILED: see above", messages);
        return ok ? 0 : 1;
    }

    /** A message every 20 minutes on average over the weeks, ending an hour ago, on the community's chats. */
    private List<byte[]> writeHistory(Path file, CommunityId id) throws IOException {
        List<String> topics = new ArrayList<>();
        for (String chat : TOPICS.split(",")) {
            topics.add(chatTopic(id, chat));
        }
        long end = Instant.now().getEpochSecond() - 3600;
        long start = end - weeks * 7L * 24 * 3600;
        int n = 0;
        List<byte[]> hashes = new ArrayList<>();
        HexFormat hex = HexFormat.of();
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (long t = start; t < end; t += 600 + random.nextInt(1200)) {
                byte[] hash = new byte[32];
                random.nextBytes(hash);
                hashes.add(hash);
                byte[] sig = new byte[65];
                random.nextBytes(sig);
                String text = "message " + n + ": " + "lorem ipsum ".repeat(1 + random.nextInt(20));
                w.write("{\"sig\":\"" + hex.formatHex(sig) + "\",\"timestamp\":" + t + ",\"topic\":\""
                        + topics.get(random.nextInt(topics.size())) + "\",\"payload\":\""
                        + hex.formatHex(text.getBytes(StandardCharsets.UTF_8)) + "\",\"padding\":\"\",\"hash\":\""
                        + hex.formatHex(hash) + "\"}\n");
                n++;
            }
        }
        say("        history: %d messages over %d weeks written to %s (the archivist build format)", n, weeks, file);
        return hashes;
    }

    /** The content topic of a chat, as the reference host derives it: keccak256(community id + suffix)[:4]. */
    private static String chatTopic(CommunityId id, String suffix) {
        org.bouncycastle.jcajce.provider.digest.Keccak.Digest256 k = new org.bouncycastle.jcajce.provider.digest.Keccak.Digest256();
        byte[] h = k.digest((id.hex() + suffix).getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(h, 0, 4);
    }

    private String count(KarafNode n, CommunityId id) throws Exception {
        return normalize(n.client("host:count " + id.hex()));
    }

    private static String normalize(String s) {
        return s.replaceAll("\\s+", " ").trim();
    }

    private String waitFor(KarafNode n, String command) throws Exception {
        return waitUntil(n, command, s -> true);
    }

    /** Runs the command until it succeeds and its output passes the check, within the demo's deadline. */
    private String waitUntil(KarafNode n, String command, java.util.function.Predicate<String> check) throws Exception {
        long deadline = started + DEADLINE.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            try {
                last = n.client(command);
                if (check.test(last)) {
                    return last;
                }
            } catch (IOException notYet) {
                last = notYet.getMessage();
            }
            Thread.sleep(1000);
        }
        throw new IllegalStateException(n.name + ": '" + command + "' not as expected within " + DEADLINE.toMinutes()
                + " minutes; last: " + normalize(last));
    }

    /** What host:count prints for these messages: their number and the sum of their hashes modulo 2^256. */
    private static String expectedCount(List<byte[]> hashes) {
        BigInteger sum = BigInteger.ZERO;
        for (byte[] h : hashes) {
            sum = sum.add(new BigInteger(1, h)).mod(BigInteger.ONE.shiftLeft(256));
        }
        String hex = sum.toString(16);
        return "messages: " + hashes.size() + " hash sum: " + "0".repeat(64 - hex.length()) + hex;
    }
}
