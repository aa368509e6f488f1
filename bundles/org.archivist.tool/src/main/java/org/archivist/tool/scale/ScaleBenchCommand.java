package org.archivist.tool.scale;

import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import org.archivist.api.ArchivedMessage;
import org.archivist.api.CommunityId;
import org.archivist.api.ContentTopic;
import org.archivist.api.service.ArchiveEvent;
import org.archivist.api.service.ArchiveEventListener;
import org.archivist.api.storage.StorageBackend;
import org.archivist.host.reference.ReferenceNode;
import org.archivist.tool.Command;
import org.archivist.tool.UsageException;

/**
 * {@code archivist bench-scale}: many communities on one node through the production scheduler and one backend:
 * Codex (an emulated Codex node in its own JVM) or BitTorrent (each node its embedded engine on 127.0.0.1, the
 * member fetching from the owner's engine as its peer). The measured node owns half of them (each with a little
 * history) and is a member of the other half, whose owner is a second node in the same JVM, closed before the
 * idle figures are taken. Prints the members' import time, the wall time of the owner's first run (the start
 * logic archives everything) and of one archive-now run across every owned community, then the idle CPU, the
 * heap live after a full GC and the thread count of the process.
 */
public final class ScaleBenchCommand implements Command {
    private static final String[] CHATS = {"general", "random", "-memberUpdate"};
    private static final long WAIT_SECONDS = 1800;
    /** Threads calling archiveNow at once: more than the scheduler's pool, so that the pool is what limits. */
    private static final int ARCHIVE_NOW_CALLERS = 16;

    @Override
    public String name() {
        return "bench-scale";
    }

    @Override
    public String usage() {
        return "bench-scale [--communities 500] [--messages 100] [--idle-seconds 30] [--import-rate 1000]"
                + " [--backend codex|bittorrent] [--dir D]"
                + "   benchmark (in a temporary directory, deleted after, unless --dir): one node owning half the communities and member of the other half (Codex by default);"
                + " archive and import times, idle CPU, heap and threads";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel",
                System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
        int communities = 500;
        int messages = 100;
        int idleSeconds = 30;
        double importRate = 1000;
        Path dir = null;
        String backend = StorageBackend.CODEX;
        for (int i = 0; i < args.size(); i++) {
            String flag = args.get(i);
            switch (flag) {
                case "--communities" -> communities = positive(args, ++i, flag);
                case "--messages" -> messages = positive(args, ++i, flag);
                case "--idle-seconds" -> idleSeconds = positive(args, ++i, flag);
                case "--import-rate" -> importRate = positive(args, ++i, flag);
                case "--dir" -> dir = Path.of(value(args, ++i, flag));
                case "--backend" -> backend = backend(value(args, ++i, flag));
                default -> throw new UsageException("unknown option " + flag);
            }
        }
        if (communities < 2) {
            throw new UsageException("--communities must be at least 2");
        }
        boolean temporary = dir == null;
        if (temporary) {
            dir = Files.createTempDirectory("archivist-bench-scale");
        } else if (Files.exists(dir) && Files.list(dir).findAny().isPresent()) {
            throw new UsageException("--dir " + dir + " is not empty; give a new directory");
        }
        Files.createDirectories(dir);
        try {
            return new Run(dir.toAbsolutePath(), communities / 2, communities - communities / 2, messages, idleSeconds,
                    importRate, backend, out).execute();
        } finally {
            if (temporary) {
                deleteTree(dir);
            }
        }
    }

    private static void deleteTree(Path dir) throws java.io.IOException {
        try (java.util.stream.Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static String backend(String name) throws UsageException {
        if (!name.equals(StorageBackend.CODEX) && !name.equals(StorageBackend.BITTORRENT)) {
            throw new UsageException("--backend is " + StorageBackend.CODEX + " or " + StorageBackend.BITTORRENT + ", not '"
                    + name + "'");
        }
        return name;
    }

    private static String value(List<String> args, int i, String flag) throws UsageException {
        if (i >= args.size()) {
            throw new UsageException(flag + " needs a value");
        }
        return args.get(i);
    }

    private static int positive(List<String> args, int i, String flag) throws UsageException {
        String v = value(args, i, flag);
        try {
            int n = Integer.parseInt(v);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new UsageException(flag + " needs a positive number, not '" + v + "'");
    }

    /** One benchmark run. */
    private static final class Run {
        private final Path dir;
        private final int owned;
        private final int joined;
        private final int messages;
        private final int idleSeconds;
        private final double importRate;
        private final String backend;
        private final PrintStream out;
        private final SplittableRandom random = new SplittableRandom();
        private final long started = System.nanoTime();

        Run(Path dir, int owned, int joined, int messages, int idleSeconds, double importRate, String backend,
                PrintStream out) {
            this.backend = backend;
            this.dir = dir;
            this.owned = owned;
            this.joined = joined;
            this.messages = messages;
            this.idleSeconds = idleSeconds;
            this.importRate = importRate;
            this.out = out;
        }

        private void say(String format, Object... args) {
            out.printf("[%7.2fs] %s%n", (System.nanoTime() - started) / 1e9, String.format(format, args));
            out.flush();
        }

        int execute() throws Exception {
            say("bench-scale in %s: %d owned + %d joined communities on one node, %d messages per owned community,"
                    + " %s backend, load average %.2f", dir, owned, joined, messages, backend, ProcessLoad.loadAverage());
            boolean codex = StorageBackend.CODEX.equals(backend);
            try (EmulatorProcess emulator = codex ? EmulatorProcess.start(dir.resolve("codex-node")) : null) {
                URI codexApi = codex ? emulator.baseUri() : null;
                EventTally published = new EventTally(ArchiveEvent.Type.ANNOUNCED);
                EventTally imported = new EventTally(ArchiveEvent.Type.FINISHED);
                EventTally peerPublished = new EventTally(ArchiveEvent.Type.ANNOUNCED);
                ArchiveEventListener nodeEvents = e -> {
                    published.on(e);
                    imported.on(e);
                };
                ReferenceNode nodeHost = ReferenceNode.loopback(dir.resolve("node").resolve("host"), "node", List.of());
                // the peer starts first: a BitTorrent member fetches from the peers it is given (no DHT, no trackers)
                ScaleNode peer;
                try {
                    ReferenceNode peerHost = ReferenceNode.loopback(dir.resolve("peer").resolve("host"), "peer",
                            List.of("127.0.0.1:" + nodeHost.channelPort()));
                    peer = new ScaleNode(peerHost, dir.resolve("peer"), backend, List.of(), codexApi, peerPublished);
                } catch (Exception e) {
                    nodeHost.close();
                    throw e;
                }
                ScaleNode node;
                try {
                    node = new ScaleNode(nodeHost, dir.resolve("node"), backend,
                            codex ? List.of() : List.of(peer.torrentPeer()), codexApi, nodeEvents);
                } catch (Exception e) {
                    peer.close();
                    throw e;
                }
                try (node) {
                    say("%s; node and peer up: %d threads", codex ? "Codex emulator (own JVM) on " + codexApi
                            : "BitTorrent engines on 127.0.0.1 (the node fetches from " + peer.torrentPeer() + ")",
                            ProcessLoad.threads());
                    Set<CommunityId> ours = new LinkedHashSet<>();
                    Set<CommunityId> theirs = new LinkedHashSet<>();
                    try (peer) {
                        long t = System.nanoTime();
                        for (int i = 0; i < owned; i++) {
                            ours.add(community(node.host, null));
                        }
                        for (int i = 0; i < joined; i++) {
                            theirs.add(community(peer.host, node.host));
                        }
                        say("communities created, %d messages each stored (%.1f s)", messages, secondsSince(t));
                        if (!membersImport(node, peer, theirs, imported, peerPublished)) {
                            return 1;
                        }
                    }
                    say("the owner of the joined communities is closed; the node goes on alone");
                    if (!ownerRuns(node, ours, published)) {
                        return 1;
                    }
                    idle(node);
                }
            }
            return 0;
        }

        /** The peer owns the communities the node joined: it archives, announces; the node downloads, imports. */
        private boolean membersImport(ScaleNode node, ScaleNode peer, Set<CommunityId> theirs, EventTally imported,
                EventTally peerPublished) throws Exception {
            for (CommunityId id : theirs) {
                node.scheduler.configure(id, backend, backend, importRate);
            }
            imported.expect(theirs);
            peerPublished.expect(theirs);
            long t = System.nanoTime();
            for (CommunityId id : theirs) {
                peer.scheduler.configure(id, backend, "", importRate);
            }
            if (!peerPublished.await(WAIT_SECONDS)) {
                say("FAILED: the peer announced %d of %d communities", peerPublished.reached(), theirs.size());
                return false;
            }
            double announcedAt = secondsSince(t);
            if (!imported.await(WAIT_SECONDS)) {
                say("FAILED: the node imported %d of %d communities", imported.reached(), theirs.size());
                return false;
            }
            double total = secondsSince(t);
            long short_ = theirs.stream().filter(id -> node.host.messageCount(id) != messages).count();
            if (short_ > 0) {
                say("FAILED: %d joined communities do not hold exactly the owner's %d messages", short_, messages);
                return false;
            }
            say("members: the peer archived and announced all %d communities in %.1f s; the node downloaded and"
                    + " imported all (each holds the owner's %d messages, %.0f msg/s import rate) %.1f s after the start, %.1f s after"
                    + " the last announcement", theirs.size(), announcedAt, messages, importRate, total,
                    total - announcedAt);
            return true;
        }

        /** The node's own communities: the start logic's first run, then one archive-now run over all. */
        private boolean ownerRuns(ScaleNode node, Set<CommunityId> ours, EventTally published) throws Exception {
            published.expect(ours);
            long t = System.nanoTime();
            for (CommunityId id : ours) {
                node.scheduler.configure(id, backend, "", importRate);
            }
            if (!published.await(WAIT_SECONDS)) {
                say("FAILED: %d of %d owned communities published", published.reached(), ours.size());
                return false;
            }
            say("owner, first run (start logic, case C: the whole history): all %d communities archived, published"
                    + " and announced in %.1f s", ours.size(), secondsSince(t));
            long now = Instant.now().getEpochSecond();
            for (CommunityId id : ours) {
                node.host.addMessages(id, List.of(message(now - 1, ReferenceNode.topicsOf(id, CHATS))));
            }
            published.expect(ours);
            t = System.nanoTime();
            // archiveNow returns when the community's run has finished: called from many threads at once so that the
            // scheduler's own pool, not the caller, decides how many runs go in parallel
            java.util.concurrent.ExecutorService callers = java.util.concurrent.Executors.newFixedThreadPool(
                    Math.min(ours.size(), ARCHIVE_NOW_CALLERS));
            List<java.util.concurrent.Future<?>> calls = new ArrayList<>();
            try {
                for (CommunityId id : ours) {
                    calls.add(callers.submit(() -> {
                        node.scheduler.archiveNow(id);
                        return null;
                    }));
                }
                for (java.util.concurrent.Future<?> call : calls) {
                    try {
                        call.get();
                    } catch (java.util.concurrent.ExecutionException e) {
                        say("FAILED: archive now: %s", e.getCause());
                        return false;
                    }
                }
            } finally {
                callers.shutdownNow();
            }
            if (!published.await(WAIT_SECONDS)) {
                say("FAILED: archive now: %d of %d owned communities published", published.reached(), ours.size());
                return false;
            }
            say("owner, archive now on every community (one new message each, called from %d threads at once):"
                    + " all %d archived, published and announced in %.1f s", Math.min(ours.size(), ARCHIVE_NOW_CALLERS),
                    ours.size(), secondsSince(t));
            return true;
        }

        private void idle(ScaleNode node) throws InterruptedException {
            Thread.sleep(5000);
            long heap = ProcessLoad.heapLiveAfterFullGc();
            ProcessLoad.Cpu cpu = ProcessLoad.idleCpu(idleSeconds * 1000L);
            say("idle, %d communities configured (%d owned, %d joined): CPU %.0f ms in %.1f s = %.2f%% of one core;"
                    + " heap live after a full GC %.1f MB (max %d MB); %d threads; load average %.2f",
                    node.scheduler.communities().size(), owned, joined, cpu.cpuMillis(), cpu.wallMillis() / 1000,
                    cpu.percentOfOneCore(), heap / 1e6, Runtime.getRuntime().maxMemory() >> 20,
                    ProcessLoad.threads(), ProcessLoad.loadAverage());
            Thread.getAllStackTraces().keySet().stream().map(th -> th.getName().replaceAll("[0-9]+", "N"))
                    .collect(java.util.stream.Collectors.groupingBy(n -> n, java.util.TreeMap::new,
                            java.util.stream.Collectors.counting()))
                    .forEach((name, n) -> say("  thread %s x%d", name, n));
            for (ProcessLoad.BusyThread t : cpu.busiest()) {
                say("  busiest while idle: %s, %.0f ms of CPU in %.1f s; at the end:", t.name(), t.cpuMillis(),
                        cpu.wallMillis() / 1000);
                t.stack().forEach(frame -> out.println("              at " + frame));
            }
        }

        /** A new community owned by {@code owner}'s host with its history; joined by {@code member} if given. */
        private CommunityId community(ReferenceNode owner, ReferenceNode member) throws Exception {
            byte[] key = ReferenceNode.newCommunityKey(new java.security.SecureRandom());
            CommunityId id = ReferenceNode.communityIdOf(key);
            List<ContentTopic> topics = ReferenceNode.topicsOf(id, CHATS);
            owner.own(key, topics, null);
            if (member != null) {
                member.join(id, topics, null);
            }
            long end = Instant.now().getEpochSecond() - 3600;
            long span = 3 * 7 * 24 * 3600L;
            List<ArchivedMessage> history = new ArrayList<>(messages);
            for (int i = 0; i < messages; i++) {
                history.add(message(end - span + span * i / messages, topics));
            }
            owner.addMessages(id, history);
            return id;
        }

        private ArchivedMessage message(long timestamp, List<ContentTopic> topics) {
            byte[] hash = new byte[32];
            random.nextBytes(hash);
            byte[] sig = new byte[65];
            random.nextBytes(sig);
            byte[] text = ("message at " + timestamp + ": " + "lorem ipsum ".repeat(1 + random.nextInt(20)))
                    .getBytes(StandardCharsets.UTF_8);
            return new ArchivedMessage(sig, timestamp, topics.get(random.nextInt(topics.size())), text, new byte[0],
                    hash, "");
        }

        private static double secondsSince(long nanos) {
            return (System.nanoTime() - nanos) / 1e9;
        }
    }
}
