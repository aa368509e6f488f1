package org.archivist.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import javax.inject.Inject;

import org.apache.karaf.features.FeaturesService;
import org.archivist.api.host.MessageImporter;
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
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.util.tracker.ServiceTracker;

import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

/**
 * Hot redeploy while a community is archived and seeded: the Archivist feature uninstalled and installed
 * again, the BitTorrent bundle updated, the scheduler bundle restarted. Each time the engine's port closes and
 * reopens, the torrent is served again, the configurations survive, and the JVM's thread count comes back to
 * its baseline with no file handle left open on a deleted file.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class RedeployIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    /** Threads that may come and go around a redeploy without being ours (RMI, Pax Exam, pools winding down). */
    private static final int THREAD_SLACK = 3;
    private static String infoHash;
    private static int baselineThreads;

    @Inject
    private BundleContext context;

    @Inject
    private ConfigurationAdmin configurations;

    @Inject
    private FeaturesService features;

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
        int bt = FreePorts.next();
        List<Option> options = Distribution.container("redeploy", bt, FreePorts.next());
        options.add(editConfigurationFilePut(Distribution.CHANNEL_CFG, "peers", ""));
        options.add(editConfigurationFilePut(Distribution.SYSTEM_PROPERTIES, "itest.owner.bt", String.valueOf(bt)));
        return options.toArray(new Option[0]);
    }

    @Test
    public void step1_theEngineListensAndSeedsACommunity() throws Exception {
        Waits.until(WAIT, "the BitTorrent listener", () -> BtHandshake.listening(port()) ? null : "port closed");
        long now = Instant.now().getEpochSecond();
        ownerImporter.importMessages(TestCommunity.ID, TestCommunity.messages(new Random(1), 200, now - 2 * 86400,
                now - 60));
        OwnerConfigs.hostTestCommunity(configurations);
        OwnerConfigs.archive(configurations, TestCommunity.ID, "bittorrent", "PT1H", "P1D");

        Waits.until(WAIT, "the community's magnet link", () -> magnet() == null ? "no link yet" : null);
        infoHash = BtHandshake.infoHash(magnet());
        seedingResumes();
        Thread.sleep(3000);
        baselineThreads = threads();
    }

    @Test
    public void step2_featureUninstallAndInstall() throws Exception {
        features.uninstallFeature("archivist", EnumSet.noneOf(FeaturesService.Option.class));
        Waits.until(WAIT, "the port closed", () -> BtHandshake.listening(port()) ? "still listening" : null);
        assertTrue("threads after uninstall: " + threads() + ", baseline " + baselineThreads,
                threads() < baselineThreads);
        assertEquals("configurations survive the uninstall", 1, communityConfigurations());

        features.installFeature("archivist", EnumSet.noneOf(FeaturesService.Option.class));
        Waits.until(WAIT, "the port reopened", () -> BtHandshake.listening(port()) ? null : "closed");
        seedingResumes();
        threadsBackToBaseline();
        noDeletedFileHeldOpen();
    }

    @Test
    public void step3_bitTorrentBundleUpdate() throws Exception {
        Bundle bittorrent = bundle("org.archivist.storage.bittorrent");
        bittorrent.update();
        Waits.until(WAIT, "the bundle active again", () -> bittorrent.getState() == Bundle.ACTIVE ? null
                : "state " + bittorrent.getState());
        Waits.until(WAIT, "the port reopened", () -> BtHandshake.listening(port()) ? null : "closed");
        seedingResumes();
        threadsBackToBaseline();
        noDeletedFileHeldOpen();
    }

    @Test
    public void step4_schedulerBundleRestart() throws Exception {
        Bundle scheduler = bundle("org.archivist.scheduler");
        scheduler.stop();
        scheduler.start();
        Waits.until(WAIT, "the community configured again", () -> archives().map(a -> a.community(TestCommunity.ID))
                .filter(java.util.Optional::isPresent).isPresent() ? null : "not yet");
        assertEquals("configurations survive", 1, communityConfigurations());
        seedingResumes();
        threadsBackToBaseline();
    }

    private void seedingResumes() throws Exception {
        Waits.until(WAIT, "the torrent served", () -> BtHandshake.served(port(), infoHash) ? null : "not served");
    }

    private void threadsBackToBaseline() throws Exception {
        Waits.until(WAIT, "the thread count back to its baseline of " + baselineThreads,
                () -> threads() <= baselineThreads + THREAD_SLACK ? null : threads() + " threads: " + ourThreads());
    }

    /** No file descriptor of this JVM points at a deleted file of Archivist's data. */
    private static void noDeletedFileHeldOpen() throws IOException {
        List<String> deleted = new ArrayList<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : (Iterable<Path>) fds::iterator) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.endsWith("(deleted)") && target.contains("archivist")) {
                        deleted.add(target);
                    }
                } catch (IOException goneMeanwhile) {
                    // closed while listing
                }
            }
        }
        assertTrue("handles on deleted files: " + deleted, deleted.isEmpty());
    }

    private static int threads() {
        return ManagementFactory.getThreadMXBean().getThreadCount();
    }

    private static List<String> ourThreads() {
        List<String> names = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            names.add(t.getName());
        }
        names.sort(null);
        return names;
    }

    private int communityConfigurations() throws Exception {
        org.osgi.service.cm.Configuration[] found = configurations.listConfigurations(
                "(service.factoryPid=org.archivist.scheduler.community)");
        return found == null ? 0 : found.length;
    }

    private String magnet() {
        return archives().flatMap(a -> a.community(TestCommunity.ID)).map(CommunityArchiveStatus::links)
                .flatMap(l -> l.stream().filter(s -> s.startsWith("magnet:")).findFirst()).orElse(null);
    }

    private java.util.Optional<ArchiveService> archives() {
        ServiceTracker<ArchiveService, ArchiveService> t = new ServiceTracker<>(context, ArchiveService.class, null);
        t.open();
        try {
            return java.util.Optional.ofNullable(t.getService());
        } finally {
            t.close();
        }
    }

    private Bundle bundle(String symbolicName) {
        for (Bundle b : context.getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                return b;
            }
        }
        throw new AssertionError("no bundle " + symbolicName);
    }

    private static int port() {
        return Integer.getInteger("itest.owner.bt");
    }
}
