package org.archivist.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.inject.Inject;

import org.archivist.api.ArchivedMessage;
import org.archivist.api.host.MessageImporter;
import org.archivist.api.service.ArchiveEvent;
import org.archivist.api.service.ArchiveService;
import org.archivist.api.service.CommunityArchiveStatus;
import org.junit.FixMethodOrder;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.MethodSorters;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

/**
 * The main job between two Karaf nodes of the distribution: the owner is this Pax Exam container, configured
 * at run time through {@link ConfigurationAdmin}; the member is a second instance the test JVM started,
 * configured only through files in its {@code etc/} and observed through its shell ({@code bin/client}). Each
 * has its reference host, its BitTorrent engine and its emulated Codex node, all on loopback.
 *
 * <p>The steps run in order: archives over BitTorrent, the switch to both backends, the switch to Codex only
 * (the torrent is unseeded, new messages can only travel over Codex), and the deletion of the community's
 * configuration (tasks stop, the Codex data is deleted from the owner's node).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class ExchangeIT {
    private static final Duration EXCHANGE_WAIT = Duration.ofSeconds(150);

    /** Container side: what the owner holds, shared by the ordered steps. */
    private static final List<ArchivedMessage> OWNER_HISTORY = new ArrayList<>();
    private static final Random RANDOM = new Random(8);
    private static String schedulerConfigPid;
    private static String lastMagnet;
    private static final List<String> EVENTS = new CopyOnWriteArrayList<>();

    @Inject
    private BundleContext context;

    @Inject
    private ConfigurationAdmin configurations;

    @Inject
    private ArchiveService archives;

    @Inject
    private MessageImporter ownerImporter;

    /** Driver side: JUnit may ask for the configuration twice; the nodes it starts must start once. */
    private static Option[] configuration;

    @Configuration
    public Option[] config() {
        if (configuration == null) {
            configuration = startNodes();
        }
        return configuration;
    }

    private static Option[] startNodes() {
        int ownerBt = FreePorts.next();
        int ownerChannel = FreePorts.next();
        int memberBt = FreePorts.next();
        int memberChannel = FreePorts.next();
        CodexNodes codex = CodexNodes.start(Path.of("target/exam/exchange-codex").toAbsolutePath());
        KarafInstance member = MemberNode.instance(Path.of("target/exam/exchange-member"), memberBt, memberChannel,
                ownerBt).config("org.archivist.storage.codex", "baseUrl", codex.memberUrl);
        MemberNode.joins(member, "it", TestCommunity.ID, TestCommunity.TOPIC_HEX).start();
        List<Option> options = Distribution.container("exchange-owner", ownerBt, ownerChannel);
        options.add(editConfigurationFilePut(Distribution.CHANNEL_CFG, "peers", String.valueOf(memberChannel)));
        options.add(editConfigurationFilePut(Distribution.CODEX_CFG, "baseUrl", codex.ownerUrl));
        options.add(editConfigurationFilePut(Distribution.SYSTEM_PROPERTIES, "itest.member.home",
                member.home().toString()));
        options.add(editConfigurationFilePut(Distribution.SYSTEM_PROPERTIES, "itest.member.ssh",
                String.valueOf(member.sshPort())));
        options.add(editConfigurationFilePut(Distribution.SYSTEM_PROPERTIES, "itest.owner.bt", String.valueOf(ownerBt)));
        options.add(editConfigurationFilePut(Distribution.SYSTEM_PROPERTIES, "itest.owner.codex", codex.ownerUrl));
        return options.toArray(new Option[0]);
    }

    @Test
    public void step1_ownerArchivesOnItsScheduleAndTheMemberImportsOverBitTorrent() throws Exception {
        followEvents();
        KarafClient member = member();
        Waits.until(Duration.ofSeconds(180), "the member's shell and archive service", () -> {
            member.run("archive:list");
            return null;
        });
        long now = Instant.now().getEpochSecond();
        addToOwner(TestCommunity.messages(RANDOM, 300, now - 3 * 86400, now - 3600));

        OwnerConfigs.hostTestCommunity(configurations);
        schedulerConfigPid = OwnerConfigs.archive(configurations, TestCommunity.ID, "bittorrent", "PT10S", "P1D").getPid();

        Waits.until(EXCHANGE_WAIT, "the owner's magnet link", () -> magnet(ownerLinks()).isPresent() ? null
                : "owner links " + ownerLinks());
        lastMagnet = magnet(ownerLinks()).orElseThrow();
        String infoHash = BtHandshake.infoHash(lastMagnet);
        Waits.until(Duration.ofSeconds(30), "the owner's engine serving its torrent",
                () -> BtHandshake.served(ownerBtPort(), infoHash) ? null : "no handshake for " + infoHash);
        assertFalse("a torrent nobody seeds is not served", BtHandshake.served(ownerBtPort(), "00".repeat(20)));
        memberHoldsExactlyTheOwnersMessages(member);
        assertTrue(member.run("archive:status " + TestCommunity.ID.hex()).contains("magnet:?xt=urn:btih:"));
        assertTrue("events " + EVENTS, EVENTS.contains(ArchiveEvent.Type.CREATED.name()));
    }

    @Test
    public void step2_switchingToBothPublishesOnCodexTooWithoutRestart() throws Exception {
        KarafClient member = member();
        configurations.getConfiguration(schedulerConfigPid, "?").update(schedulerConfig("both"));
        addRecentMessages(20);

        Waits.until(EXCHANGE_WAIT, "both links on the owner", () -> magnet(ownerLinks()).isPresent()
                && cid(ownerLinks()).isPresent() ? null : "owner links " + ownerLinks());
        memberHoldsExactlyTheOwnersMessages(member);
        Waits.until(EXCHANGE_WAIT, "both links on the member", () -> {
            String status = member.run("archive:status " + TestCommunity.ID.hex());
            return status.contains("magnet:") && status.lines().anyMatch(l -> l.startsWith("Link") && !l.contains("magnet:"))
                    ? null : status;
        });
        lastMagnet = magnet(ownerLinks()).orElseThrow();
    }

    @Test
    public void step3_switchingToCodexUnseedsTheTorrentAndMessagesTravelOverCodex() throws Exception {
        KarafClient member = member();
        String cidBefore = cid(ownerLinks()).orElseThrow();
        configurations.getConfiguration(schedulerConfigPid, "?").update(schedulerConfig("codex"));

        String infoHash = BtHandshake.infoHash(lastMagnet);
        Waits.until(Duration.ofSeconds(30), "the torrent unseeded", () -> BtHandshake.served(ownerBtPort(), infoHash)
                ? "still served" : null);
        assertTrue("the BitTorrent engine keeps listening", BtHandshake.listening(ownerBtPort()));
        addRecentMessages(20);

        Waits.until(EXCHANGE_WAIT, "a new index CID", () -> {
            Set<String> links = ownerLinks();
            return cid(links).isPresent() && !cid(links).get().equals(cidBefore) && magnet(links).isEmpty() ? null
                    : "owner links " + links;
        });
        memberHoldsExactlyTheOwnersMessages(member);
        String verify = member.run("archive:verify --backend codex " + TestCommunity.ID.hex());
        assertTrue(verify, verify.contains("OK: "));
    }

    @Test
    public void step4_deletingTheConfigurationStopsTheTasksAndDeletesTheCodexData() throws Exception {
        KarafClient member = member();
        String cid = cid(ownerLinks()).orElseThrow();
        assertTrue("the index is on the owner's Codex node", codexHas(cid));

        EVENTS.clear();
        configurations.getConfiguration(schedulerConfigPid, "?").delete();

        Waits.until(Duration.ofSeconds(30), "the community gone from the archive service",
                () -> archives.community(TestCommunity.ID).isEmpty() ? null : "still configured");
        Waits.until(Duration.ofSeconds(30), "the index deleted from the owner's Codex node",
                () -> codexHas(cid) ? "still there; events since the deletion: " + EVENTS : null);
        int held = OWNER_HISTORY.size();
        addRecentMessages(5);
        Thread.sleep(Duration.ofSeconds(15).toMillis()); // longer than the 10 s interval: no run may happen
        assertEquals("messages: " + held + " hash sum: " + TestCommunity.hashSum(OWNER_HISTORY.subList(0, held)),
                memberCount(member));
        assertFalse(archives.communities().stream().anyMatch(c -> c.community().equals(TestCommunity.ID)));
        member.run("system:shutdown -f");
    }

    private static Dictionary<String, Object> schedulerConfig(String backend) {
        return OwnerConfigs.archives(TestCommunity.ID, backend, "PT10S", "P1D");
    }

    private void addToOwner(List<ArchivedMessage> messages) throws Exception {
        ownerImporter.importMessages(TestCommunity.ID, messages);
        OWNER_HISTORY.addAll(messages);
    }

    /** Messages stamped just after now, so that the next run (the interval is 10 s) archives them. */
    private void addRecentMessages(int count) throws Exception {
        long at = Instant.now().getEpochSecond() + 2;
        addToOwner(TestCommunity.messages(RANDOM, count, at, at + 1));
    }

    private void memberHoldsExactlyTheOwnersMessages(KarafClient member) throws Exception {
        String expected = "messages: " + OWNER_HISTORY.size() + " hash sum: " + TestCommunity.hashSum(OWNER_HISTORY);
        Waits.until(EXCHANGE_WAIT, "the member holding exactly the owner's " + OWNER_HISTORY.size() + " messages",
                () -> {
                    String seen = memberCount(member);
                    return seen.equals(expected) ? null : "member has '" + seen + "', expected '" + expected + "'";
                });
    }

    private static String memberCount(KarafClient member) throws Exception {
        return MemberNode.count(member, TestCommunity.ID);
    }

    private Set<String> ownerLinks() {
        return archives.community(TestCommunity.ID).map(CommunityArchiveStatus::links).map(TreeSet::new)
                .orElseGet(TreeSet::new);
    }

    private static Optional<String> magnet(Set<String> links) {
        return links.stream().filter(l -> l.startsWith("magnet:")).findFirst();
    }

    private static Optional<String> cid(Set<String> links) {
        return links.stream().filter(l -> !l.startsWith("magnet:")).findFirst();
    }

    private static KarafClient member() {
        return MemberNode.shell();
    }

    private static int ownerBtPort() {
        return Integer.getInteger("itest.owner.bt");
    }

    private static boolean codexHas(String cid) throws IOException {
        URI uri = URI.create(System.getProperty("itest.owner.codex") + "/api/codex/v1/data/" + cid + "/exists");
        HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
        try {
            assertEquals(200, c.getResponseCode());
            String body = new String(c.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return body.replace(" ", "").contains(":true");
        } finally {
            c.disconnect();
        }
    }

    private void followEvents() {
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(EventConstants.EVENT_TOPIC, ArchiveEvent.TOPIC_PREFIX + "*");
        context.registerService(EventHandler.class, e -> EVENTS.add(e.getTopic().substring(
                ArchiveEvent.TOPIC_PREFIX.length())), props);
    }
}
