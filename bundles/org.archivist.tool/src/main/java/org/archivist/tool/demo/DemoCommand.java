package org.archivist.tool.demo;

import java.io.PrintStream;
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
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.archivist.api.ArchivedMessage;
import org.archivist.api.CommunityId;
import org.archivist.api.ContentTopic;
import org.archivist.api.service.ArchiveEvent;
import org.archivist.api.service.ArchiveEventListener;
import org.archivist.api.service.CommunityArchiveStatus;
import org.archivist.api.storage.StorageBackend;
import org.archivist.codex.emulator.CodexEmulator;
import org.archivist.codex.emulator.EmulatorConfig;
import org.archivist.host.reference.HostContent;
import org.archivist.host.reference.ReferenceNode;
import org.archivist.host.reference.ReferenceNode.GroupKeyMaterial;
import org.archivist.scheduler.node.SchedulerNode;
import org.archivist.storage.bittorrent.BitTorrentBackends.EmbeddedBitTorrent;
import org.archivist.tool.Command;
import org.archivist.tool.UsageException;

/**
 * {@code archivist demo}: the project's main job on embedded defaults. An owner node and two member nodes
 * (one following BitTorrent magnet links, one following Codex index CIDs), each with its own reference
 * host, data directory and loopback ports; a few weeks of community history on the owner; the owner's
 * archive run on both backends with both announcements; the members' downloads and imports; and the
 * check that each member holds exactly the owner's messages.
 */
public final class DemoCommand implements Command {
    private static final Duration DEADLINE = Duration.ofMinutes(3);
    private static final String[] CHATS = DemoHistory.CHATS;

    @Override
    public String name() {
        return "demo";
    }

    @Override
    public String usage() {
        return "demo [--dir D] [--weeks N] [--encrypted] [--no-codex]   owner archives a community's history, members"
                + " fetch it over BitTorrent and Codex and import it (data under ./archivist-data)";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        // the account below tells the story; library logs only when something goes wrong
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel",
                System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
        System.setProperty("org.slf4j.simpleLogger.log.bt", System.getProperty("org.slf4j.simpleLogger.log.bt", "off"));
        Path dir = null;
        int weeks = 3;
        boolean encrypted = false;
        boolean codex = true;
        for (int i = 0; i < args.size(); i++) {
            String flag = args.get(i);
            switch (flag) {
                case "--dir" -> dir = Path.of(value(args, ++i, flag));
                case "--weeks" -> {
                    try {
                        weeks = DemoHistory.weeks(value(args, ++i, flag));
                    } catch (IllegalArgumentException e) {
                        throw new UsageException(e.getMessage());
                    }
                }
                case "--encrypted" -> encrypted = true;
                case "--no-codex" -> codex = false;
                default -> throw new UsageException("unknown option " + flag);
            }
        }
        if (dir == null) {
            dir = Path.of("archivist-data", "demo-" + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
                    .format(LocalDateTime.now(ZoneOffset.UTC)));
        }
        if (Files.exists(dir) && Files.list(dir).findAny().isPresent()) {
            throw new UsageException("--dir " + dir + " is not empty; give a new directory");
        }
        Files.createDirectories(dir);
        return new Run(dir.toAbsolutePath(), weeks, encrypted, codex, out).execute();
    }

    private static String value(List<String> args, int i, String flag) throws UsageException {
        if (i >= args.size()) {
            throw new UsageException(flag + " needs a value");
        }
        return args.get(i);
    }

    /** One demo run: its nodes, its account, its verdict. */
    private static final class Run {
        private final Path dir;
        private final int weeks;
        private final boolean encrypted;
        private final boolean withCodex;
        private final DemoAccount account;
        private final SecureRandom random = new SecureRandom();
        private final Map<String, CountDownLatch> finished = new ConcurrentHashMap<>();

        Run(Path dir, int weeks, boolean encrypted, boolean withCodex, PrintStream out) {
            this.dir = dir;
            this.weeks = weeks;
            this.encrypted = encrypted;
            this.withCodex = withCodex;
            this.account = new DemoAccount(out);
        }

        int execute() throws Exception {
            try (account) {
                return steps();
            }
        }

        private <T extends AutoCloseable> T keep(T r) {
            return account.keep(r);
        }

        private void say(String format, Object... args) {
            account.say(format, args);
        }

        private int steps() throws Exception {
            say("Archivist demo in %s", dir);
            byte[] communityKey = ReferenceNode.newCommunityKey(random);
            CommunityId id = ReferenceNode.communityIdOf(communityKey);
            byte[] groupKeyBytes = new byte[32];
            random.nextBytes(groupKeyBytes);
            GroupKeyMaterial groupKey = encrypted ? new GroupKeyMaterial(System.currentTimeMillis(), groupKeyBytes)
                    : null;
            List<ContentTopic> topics = ReferenceNode.topicsOf(id, CHATS);

            // 1. nodes
            List<DemoNode> members = new ArrayList<>();
            DemoNode btMember = keep(new DemoNode("member-bittorrent", dir.resolve("member-bittorrent"), List.of()));
            members.add(btMember);
            DemoNode codexMember = null;
            if (withCodex) {
                codexMember = keep(new DemoNode("member-codex", dir.resolve("member-codex"), List.of()));
                members.add(codexMember);
            }
            List<String> peers = members.stream().map(m -> "127.0.0.1:" + m.channelPort()).toList();
            DemoNode owner = keep(new DemoNode("owner", dir.resolve("owner"), peers));
            EmbeddedBitTorrent ownerBt = owner.addBitTorrent(List.of());
            btMember.addBitTorrent(List.of("127.0.0.1:" + ownerBt.port()));
            say("step 1: nodes up. owner: channel 127.0.0.1:%d, BitTorrent 127.0.0.1:%d; member-bittorrent: channel"
                    + " 127.0.0.1:%d", owner.channelPort(), ownerBt.port(), btMember.channelPort());
            java.net.URI ownerCodexApi = null;
            java.net.URI memberCodexApi = null;
            if (withCodex) {
                CodexEmulator ownerCodex = keep(CodexEmulator.start(EmulatorConfig.builder()
                        .dataDir(dir.resolve("codex-owner-node")).build()));
                CodexEmulator memberCodex = keep(CodexEmulator.start(EmulatorConfig.builder()
                        .dataDir(dir.resolve("codex-member-node")).peer(ownerCodex.baseUri()).build()));
                owner.addCodex(ownerCodex.baseUri());
                codexMember.addCodex(memberCodex.baseUri());
                ownerCodexApi = ownerCodex.baseUri();
                memberCodexApi = memberCodex.baseUri();
                say("        Codex: owner's emulated node %s, member's %s (fetches from the owner's);"
                        + " member-codex: channel 127.0.0.1:%d", ownerCodex.baseUri(), memberCodex.baseUri(),
                        codexMember.channelPort());
            }
            owner.host.own(communityKey, topics, groupKey);
            for (DemoNode m : members) {
                m.host.join(id, topics, groupKey);
            }
            HostContent ownerContent = owner.startContent(true, ownerCodexApi);
            List<DemoFiles.Member> contentMembers = new ArrayList<>();
            contentMembers.add(new DemoFiles.Member(btMember.name, btMember.startContent(true, null)));
            if (withCodex) {
                contentMembers.add(new DemoFiles.Member(codexMember.name, codexMember.startContent(false,
                        memberCodexApi)));
            }
            say("        file and description services: blob stores on BitTorrent (an engine of their own per node)%s",
                    withCodex ? " and Codex (the same emulated nodes)" : "");
            say("        community %s (%s), chats %s", id, encrypted ? "token-gated: archives encrypted" : "public",
                    String.join(", ", CHATS));

            // 2. history
            List<ArchivedMessage> history = history(id, topics);
            owner.host.addMessages(id, history);
            say("step 2: owner's store holds %d messages over %d weeks (%s .. %s), %d bytes of payload",
                    owner.host.messageCount(id), weeks, Instant.ofEpochSecond(history.get(0).timestamp()),
                    Instant.ofEpochSecond(history.get(history.size() - 1).timestamp()),
                    history.stream().mapToLong(m -> m.payload().length).sum());

            // 3. schedulers; members first so that they hear the first announcement
            for (DemoNode m : members) {
                CountDownLatch done = new CountDownLatch(1);
                finished.put(m.name, done);
                SchedulerNode s = m.start(account(m.name, done));
                String follow = m == btMember ? StorageBackend.BITTORRENT : StorageBackend.CODEX;
                s.configure(id, StorageBackend.BITTORRENT, follow, 1000);
            }
            CountDownLatch created = new CountDownLatch(1);
            SchedulerNode ownerScheduler = owner.start(ownerAccount(created));
            String backends = withCodex ? "both" : "bittorrent";
            say("step 3: owner configured: backend %s, interval 7 days, partition 7 days; the oldest message is more"
                    + " than 7 days old, so the start logic archives up to now (status-go's case C)", backends);
            ownerScheduler.configure(id, backends, "", SchedulerNode.DEFAULT_IMPORT_RATE);
            // a file and the community description travel while the archives do (checked in step 6)
            DemoFiles demoFiles = new DemoFiles(account, DEADLINE);
            DemoFiles.Sent sent = demoFiles.send(id, ownerContent, dir.resolve("outgoing"), random);
            if (!created.await(DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
                say("FAILED: the owner created no archive within %s", DEADLINE);
                return 1;
            }
            for (String type : List.of(StorageBackend.BITTORRENT, StorageBackend.CODEX)) {
                Optional<StorageBackend> b = owner.backend(type);
                if (b.isPresent() && (type.equals(StorageBackend.BITTORRENT) || withCodex)) {
                    say("        %s link: %s", type, b.get().currentLink(id).orElse("(none)"));
                }
            }

            // 4. members
            say("step 4: the members receive the announcement%s on their loopback channel, verify the community's"
                    + " signature, fetch the index and the archives, and import at 1000 messages/s",
                    withCodex ? "s (magnet link, type 43; index CID, archive-link type "
                            + org.archivist.core.link.AnnouncementTypes.ARCHIVE_LINK_PROVISIONAL + ")" : " (magnet link, type 43)");
            for (DemoNode m : members) {
                if (!finished.get(m.name).await(DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
                    say("FAILED: %s did not finish its import within %s", m.name, DEADLINE);
                    return 1;
                }
            }

            // 5. check
            Set<String> expected = history.stream().map(ArchivedMessage::hashHex).collect(Collectors.toSet());
            boolean ok = true;
            for (DemoNode m : members) {
                Set<String> held = m.host.messageHashes(id);
                Set<String> missing = new HashSet<>(expected);
                missing.removeAll(held);
                Set<String> extra = new HashSet<>(held);
                extra.removeAll(expected);
                long handed = m.host.importedMessages();
                CommunityArchiveStatus status = m.scheduler().community(id).orElseThrow();
                boolean exact = missing.isEmpty() && extra.isEmpty() && handed == expected.size();
                ok &= exact;
                say("step 5: %s holds %d messages: %d missing, %d extra, %d handed to its importer (%s); archives %d,"
                        + " imported %d -> %s", m.name, held.size(), missing.size(), extra.size(), handed,
                        handed == expected.size() ? "each once" : "NOT each once",
                        status.archives(), status.imported(),
                        exact ? "exactly the owner's messages" : "MISMATCH");
            }
            int copies = demoFiles.check(sent, contentMembers);
            int expectedCopies = 2 * contentMembers.size();
            boolean filesOk = copies == expectedCopies;
            say("        %d of %d copies (a file and a description per member) identical to the owner's", copies,
                    expectedCopies);
            idle();
            say(ok && filesOk ? "OK: every member holds exactly the owner's %d messages, the file and the newest"
                    + " description" : "FAILED: see above", expected.size());
            return ok && filesOk ? 0 : 1;
        }

        /** How much CPU the whole process (three nodes, engines, emulators) uses with nothing to do. */
        private void idle() throws InterruptedException {
            if (!(java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                    instanceof com.sun.management.OperatingSystemMXBean os)) {
                return;
            }
            long cpu = os.getProcessCpuTime();
            long wall = System.nanoTime();
            Thread.sleep(3000);
            double cpuMs = (os.getProcessCpuTime() - cpu) / 1e6;
            double wallMs = (System.nanoTime() - wall) / 1e6;
            say("step 7: idle (the owner's next run is 7 days away): %.0f ms of CPU in %.0f ms (%.1f%% of one core),"
                    + " all nodes, engines and emulators together", cpuMs, wallMs, 100 * cpuMs / wallMs);
        }

        /** A message every 20 minutes on average, random chat, over the weeks, ending an hour ago. */
        private List<ArchivedMessage> history(CommunityId id, List<ContentTopic> topics) {
            return DemoHistory.generate(topics, weeks, random);
        }

        private ArchiveEventListener ownerAccount(CountDownLatch created) {
            return e -> {
                switch (e.type()) {
                    case CREATING -> say("owner: creating archives");
                    case CREATED -> {
                        say("owner: archives created for %s (%s .. %s)", e.range().orElseThrow(),
                                Instant.ofEpochSecond(e.range().orElseThrow().from()),
                                Instant.ofEpochSecond(e.range().orElseThrow().to()));
                        created.countDown();
                    }
                    case NONE_CREATED -> say("owner: no message to archive in %s", e.range().orElseThrow());
                    case SEEDING -> say("owner: seeding, and announcing the link signed with the community key");
                    default -> say("owner: %s", e.type());
                }
            };
        }

        private ArchiveEventListener account(String node, CountDownLatch done) {
            int[] archives = {0};
            return e -> {
                switch (e.type()) {
                    case DOWNLOAD_STARTED -> say("%s: announcement verified and accepted; downloading the archives it"
                            + " lacks", node);
                    case ARCHIVE_DOWNLOADED -> say("%s: archive %d downloaded and verified: %s", node, ++archives[0],
                            e.range().orElseThrow());
                    case SEEDING -> say("%s: all %d archives downloaded", node, archives[0]);
                    case IMPORTING -> say("%s: importing archive %s", node, e.range().orElseThrow());
                    case FINISHED -> {
                        say("%s: import finished", node);
                        done.countDown();
                    }
                    default -> say("%s: %s", node, e.type());
                }
            };
        }
    }
}
