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
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.archivist.api.ArchivedMessage;
import org.archivist.api.CommunityId;
import org.archivist.codex.emulator.CodexEmulator;
import org.archivist.codex.emulator.EmulatorConfig;
import org.archivist.host.reference.ReferenceNode;
import org.archivist.tool.demo.DemoAccount;
import org.archivist.tool.demo.DemoHistory;

/**
 * {@code archivist demo --karaf}: the scenario of {@code archivist demo} with each node in its own Karaf
 * instance of the distribution. The owner and two members (one following magnet links, one following Codex
 * index CIDs) are configured only through files written into their {@code etc/}; the owner's history is
 * loaded through the reference host's {@code host:load}; the verdict compares {@code host:count} (count and
 * hash sum) of each member with the owner's, then a file ({@code file:publish}/{@code file:fetch}, byte for byte)
 * and the newest of two community descriptions ({@link KarafFiles}). Exit 0 only if each member holds exactly the
 * owner's messages, the file and the newest description.
 */
public final class KarafDemo {
    private static final Duration DEADLINE = Duration.ofMinutes(3);
    private static final String USAGE = "usage: archivist demo --karaf [--dir D] [--weeks N]";

    private final Path dir;
    private final Path distribution;
    private final int weeks;
    private final DemoAccount account;
    private final SecureRandom random = new SecureRandom();

    KarafDemo(Path dir, Path distribution, int weeks, PrintStream out) {
        this.dir = dir;
        this.distribution = distribution;
        this.weeks = weeks;
        this.account = new DemoAccount(out);
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
                    case "--weeks" -> weeks = DemoHistory.weeks(value(args, ++i));
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
            System.err.println(USAGE);
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

    int run() throws Exception {
        try (account) {
            return steps();
        } finally {
            say("all Karaf instances and Codex nodes stopped");
        }
    }

    private void say(String format, Object... args) {
        account.say(format, args);
    }

    private int steps() throws Exception {
        say("Archivist demo in Karaf, in %s (distribution %s)", dir, distribution.getFileName());
        byte[] key = ReferenceNode.newCommunityKey(random);
        CommunityId id = ReferenceNode.communityIdOf(key);

        // 1. three instances and two Codex nodes
        KarafNode owner = account.keep(new KarafNode("owner", dir.resolve("owner")));
        KarafNode btMember = account.keep(new KarafNode("member-bittorrent", dir.resolve("member-bittorrent")));
        KarafNode codexMember = account.keep(new KarafNode("member-codex", dir.resolve("member-codex")));
        List<KarafNode> nodes = List.of(owner, btMember, codexMember);
        CodexEmulator ownerCodex = account.keep(CodexEmulator.start(EmulatorConfig.builder()
                .dataDir(dir.resolve("codex-owner-node")).build()));
        CodexEmulator memberCodex = account.keep(CodexEmulator.start(EmulatorConfig.builder()
                .dataDir(dir.resolve("codex-member-node")).peer(ownerCodex.baseUri()).build()));
        for (KarafNode n : nodes) {
            n.unpack(distribution);
            boolean isOwner = n == owner;
            n.config("org.archivist.storage.bittorrent", Map.of("listenPort", String.valueOf(n.bittorrentPort),
                    "peerHints", isOwner ? "" : "127.0.0.1:" + owner.bittorrentPort));
            n.config("org.archivist.storage.codex", Map.of("baseUrl",
                    (isOwner || n == btMember ? ownerCodex : memberCodex).baseUri().toString()));
            n.config("org.archivist.host.reference.channel", Map.of("port", String.valueOf(n.channelPort),
                    "peers", isOwner ? btMember.channelPort + "," + codexMember.channelPort : ""));
            KarafFiles.configure(n);
            n.start();
        }
        say("step 1: three Karaf instances of the distribution starting, configured through etc/ files only:");
        for (KarafNode n : nodes) {
            say("        %-17s %s  ssh 127.0.0.1:%d, BitTorrent 127.0.0.1:%d, channel 127.0.0.1:%d", n.name, n.home,
                    n.sshPort, n.bittorrentPort, n.channelPort);
        }
        say("        Codex: owner's emulated node %s, member-codex's %s (fetches from the owner's)",
                ownerCodex.baseUri(), memberCodex.baseUri());
        for (KarafNode n : nodes) {
            waitUntil(n, "archive:list", s -> true);
        }
        say("        all three up: their shells answer (bin/client over ssh on loopback) and archive:list works");

        // 2. the community, at run time, through etc/ files
        for (KarafNode n : nodes) {
            boolean isOwner = n == owner;
            n.config("org.archivist.host.reference.community-demo", Map.of("communityId", id.hex(),
                    "privateKey", isOwner ? HexFormat.of().formatHex(key) : "",
                    "topics", String.join(",", DemoHistory.CHATS),
                    "controlNode", String.valueOf(isOwner), "joined", "true"));
        }
        btMember.config("org.archivist.scheduler.community-demo", Map.of("communityId", id.hex(),
                "distribution", "bittorrent", "importRate", "1000"));
        codexMember.config("org.archivist.scheduler.community-demo", Map.of("communityId", id.hex(),
                "distribution", "codex", "importRate", "1000"));
        say("step 2: community %s (public), chats %s, written into each etc/ at run time:", id,
                String.join(", ", DemoHistory.CHATS));
        say("        org.archivist.host.reference.community-demo.cfg everywhere (the owner's with the community key);"
                + " the members' org.archivist.scheduler.community-demo.cfg: one follows magnet links, one Codex"
                + " index CIDs, importing at 1000 messages/s");

        // 3. history through the owner's shell
        Path history = dir.resolve("history.jsonl");
        List<ArchivedMessage> messages = DemoHistory.generate(ReferenceNode.topicsOf(id, DemoHistory.CHATS), weeks,
                random);
        writeJsonl(history, messages);
        String expected = expectedCount(messages);
        say("step 3: history: %d messages over %d weeks (%s .. %s) written to %s (the archivist build format)",
                messages.size(), weeks, Instant.ofEpochSecond(messages.get(0).timestamp()),
                Instant.ofEpochSecond(messages.get(messages.size() - 1).timestamp()), history.getFileName());
        // the community configuration arrives through Configuration Admin: count answers once the host knows it
        String loaded = waitUntil(owner, "host:load " + id.hex() + " " + history, s -> s.contains("Loaded"));
        String ownerCount = waitUntil(owner, "host:count " + id.hex(), s -> true);
        say("        owner's shell: %s", normalize(loaded));
        say("        owner's host:count: %s", normalize(ownerCount));
        if (!normalize(ownerCount).equals(expected)) {
            say("FAILED: the owner holds '%s', the history file has '%s'", normalize(ownerCount), expected);
            return 1;
        }

        // 4. the owner's archive configuration: archives at once (the oldest message is older than 7 days)
        owner.config("org.archivist.scheduler.community-demo", Map.of("communityId", id.hex(), "backend", "both",
                "interval", "P7D"));
        say("step 4: owner's etc/org.archivist.scheduler.community-demo.cfg written: backend both, interval 7 days;"
                + " the oldest message is more than 7 days old, so the start logic archives up to now (status-go's"
                + " case C), seeds, and announces both links signed with the community key");
        String status = waitUntil(owner, "archive:status " + id.hex(), s -> s.contains("magnet:")
                && s.lines().filter(l -> l.startsWith("Link")).count() == 2);
        status.lines().filter(l -> l.startsWith("Link") || l.startsWith("Last archive"))
                .forEach(l -> say("        owner: %s", l));

        // 5. members
        say("step 5: the members verify the signed announcements, download the archives and import them");
        boolean ok = true;
        for (KarafNode m : List.of(btMember, codexMember)) {
            ok &= follow(m, id, normalize(ownerCount));
        }

        // 6. a file and the community description
        int copies = files(id, owner, btMember, codexMember);
        ok &= copies == 4;

        // 7. idle
        idle(nodes);
        say(ok ? "OK: each member holds exactly the owner's %d messages, the file and the newest description"
                : "FAILED: see above", messages.size());
        return ok ? 0 : 1;
    }

    /**
     * The owner publishes a 4 MiB file on both backends and two description versions; member-bittorrent fetches
     * the file by its BitTorrent link, member-codex by its Codex link; each gets the newest description. Returns
     * how many of the four copies equal the owner's.
     */
    private int files(CommunityId id, KarafNode owner, KarafNode btMember, KarafNode codexMember) throws Exception {
        KarafFiles files = new KarafFiles(account, Duration.ofMinutes(2));
        say("step 6: the owner publishes a file on both backends (file:publish) and two versions of the community"
                + " description (description:publish); the members fetch the file by its link and get the newest"
                + " description over the announcement channel");
        Path file = KarafFiles.randomFile(dir, random);
        byte[] bytes = Files.readAllBytes(file);
        String btLink = files.publish(owner, id, file, "bittorrent");
        String codexLink = files.publish(owner, id, file, "codex");
        KarafFiles.Description newest = files.publishDescriptions(owner, id, dir);
        int ok = 0;
        ok += files.fetch(btMember, btLink, bytes) ? 1 : 0;
        ok += files.fetch(codexMember, codexLink, bytes) ? 1 : 0;
        ok += files.hasDescription(btMember, id, newest) ? 1 : 0;
        ok += files.hasDescription(codexMember, id, newest) ? 1 : 0;
        return ok;
    }

    /** Follows a member's archive:status until its host:count equals the owner's; prints each change. */
    private boolean follow(KarafNode member, CommunityId id, String ownerCount) throws Exception {
        long t0 = System.nanoTime();
        long deadline = account.startedNanos() + DEADLINE.toNanos();
        String lastProgress = "";
        String seen = "";
        while (System.nanoTime() < deadline) {
            try {
                String progress = progress(member.client("archive:status " + id.hex()));
                if (!progress.equals(lastProgress)) {
                    say("        %s: %s", member.name, progress);
                    lastProgress = progress;
                }
                seen = normalize(member.client("host:count " + id.hex()));
                if (seen.equals(ownerCount)) {
                    say("        %s: host:count %s after %.1fs -> exactly the owner's messages", member.name, seen,
                            (System.nanoTime() - t0) / 1e9);
                    return true;
                }
            } catch (IOException notYet) {
                seen = normalize(notYet.getMessage());
            }
            Thread.sleep(500);
        }
        say("        %s: MISMATCH after %.1fs: host:count %s (owner: %s)", member.name, (System.nanoTime() - t0) / 1e9,
                seen, ownerCount);
        return false;
    }

    /** "archives 2, imported 1, link magnet:?xt=urn:btih:0123456789..." from archive:status. */
    private static String progress(String status) {
        StringBuilder s = new StringBuilder();
        status.lines().forEach(l -> {
            int colon = l.indexOf(':');
            if (colon < 0) {
                return;
            }
            String key = l.substring(0, colon).trim();
            String value = l.substring(colon + 1).trim();
            switch (key) {
                case "Archives", "Imported" -> s.append(s.length() > 0 ? ", " : "").append(key.toLowerCase())
                        .append(' ').append(value);
                case "Link" -> s.append(", link ").append(value.length() > 40 ? value.substring(0, 37) + "..." : value);
                default -> { }
            }
        });
        return s.length() == 0 ? "no archive state yet" : s.toString();
    }

    /** How much CPU the three Karaf JVMs use with nothing to do (the owner's next run is 7 days away). */
    private void idle(List<KarafNode> nodes) throws InterruptedException {
        long before = nodes.stream().mapToLong(KarafNode::cpuNanos).sum();
        long wall = System.nanoTime();
        Thread.sleep(3000);
        double cpuMs = (nodes.stream().mapToLong(KarafNode::cpuNanos).sum() - before) / 1e6;
        double wallMs = (System.nanoTime() - wall) / 1e6;
        say("step 7: idle (the owner's next run is 7 days away): %.0f ms of CPU in %.0f ms (%.1f%% of one core),"
                + " the three Karaf JVMs together", cpuMs, wallMs, 100 * cpuMs / wallMs);
    }

    /** The messages as JSON lines, the format of {@code archivist build} and {@code host:load}. */
    private static void writeJsonl(Path file, List<ArchivedMessage> messages) throws IOException {
        HexFormat hex = HexFormat.of();
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (ArchivedMessage m : messages) {
                w.write("{\"sig\":\"" + hex.formatHex(m.sig()) + "\",\"timestamp\":" + m.timestamp() + ",\"topic\":\""
                        + m.topic().hex() + "\",\"payload\":\"" + hex.formatHex(m.payload()) + "\",\"padding\":\""
                        + hex.formatHex(m.padding()) + "\",\"hash\":\"" + hex.formatHex(m.hash()) + "\"}\n");
            }
        }
    }

    private static String normalize(String s) {
        return s == null ? "" : s.replaceAll("\\s+", " ").trim();
    }

    /** Runs the command until it succeeds and its output passes the check, within the demo's deadline. */
    private String waitUntil(KarafNode n, String command, Predicate<String> check) throws Exception {
        long deadline = account.startedNanos() + DEADLINE.toNanos();
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
    static String expectedCount(List<ArchivedMessage> messages) {
        BigInteger sum = BigInteger.ZERO;
        for (ArchivedMessage m : messages) {
            sum = sum.add(new BigInteger(1, m.hash())).mod(BigInteger.ONE.shiftLeft(256));
        }
        String hex = sum.toString(16);
        return "messages: " + messages.size() + " hash sum: " + "0".repeat(64 - hex.length()) + hex;
    }
}
