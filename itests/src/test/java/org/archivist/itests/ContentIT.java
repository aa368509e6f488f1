package org.archivist.itests;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.inject.Inject;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.apache.karaf.features.FeaturesService;
import org.archivist.api.content.CommunityDescription;
import org.archivist.api.content.ContentEvents;
import org.archivist.api.content.DescriptionService;
import org.archivist.api.content.FileLink;
import org.archivist.api.content.FileMetadata;
import org.archivist.api.content.FileService;
import org.archivist.api.content.StorageLimitException;
import org.archivist.api.service.NodeStorage;
import org.archivist.api.service.StorageHolder;
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
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

/**
 * Files and community descriptions inside the distribution: the content feature comes with {@code archivist}, its
 * file service stores on the Codex blob store (an emulated node in the test JVM), a file published and fetched back
 * through the OSGi services and through the shell ({@code file:publish}, {@code file:fetch}, {@code file:status},
 * {@code description:show}, run through {@code bin/client}), a description published and a newer one fetched by
 * its link, and the storage limit (1 MB here) refusing a transfer with an EventAdmin event and the
 * {@code FileStorage} MBean at its limit; the file service counted by the scheduler's node-wide storage and a fetched
 * copy released with {@code archive:release}.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class ContentIT {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String CONTENT_CFG = "etc/org.archivist.content.cfg";

    @Inject
    private BundleContext context;

    @Inject
    private ConfigurationAdmin configurations;

    @Inject
    private FeaturesService features;

    @Inject
    private FileService files;

    @Inject
    private DescriptionService descriptions;

    private static Option[] configuration;

    @Configuration
    public Option[] config() {
        if (configuration == null) {
            CodexNodes codex = CodexNodes.start(Path.of("target/exam/content-codex").toAbsolutePath());
            List<Option> options = new java.util.ArrayList<>(Distribution.container("content", FreePorts.next(),
                    FreePorts.next()));
            options.add(editConfigurationFilePut(Distribution.CODEX_CFG, "baseUrl", codex.ownerUrl));
            options.add(editConfigurationFilePut(CONTENT_CFG, "defaultStorage", "codex"));
            options.add(editConfigurationFilePut(CONTENT_CFG, "maxMegabytes", "1"));
            options.add(editConfigurationFilePut(CONTENT_CFG, "fetchAttempts", "3"));
            options.add(editConfigurationFilePut(CONTENT_CFG, "fetchPauseMillis", "200"));
            configuration = options.toArray(new Option[0]);
        }
        return configuration;
    }

    @Test
    public void step1_theContentFeatureIsInstalledAndItsServicesRunOnCodex() throws Exception {
        assertTrue("archivist-content is installed with archivist",
                features.isInstalled(features.getFeature("archivist-content")));
        Bundle content = null;
        for (Bundle b : context.getBundles()) {
            if ("org.archivist.content".equals(b.getSymbolicName())) {
                content = b;
            }
        }
        assertTrue("the content bundle is there", content != null);
        assertEquals("the content bundle is active", Bundle.ACTIVE, content.getState());
        Waits.until(WAIT, "the Codex blob store bound by the file service",
                () -> files.storageTypes().contains("codex") ? null : "storage types " + files.storageTypes());
    }

    @Test
    public void step2_aFilePublishedIsFetchedBackVerifiedThroughTheServices() throws Exception {
        byte[] bytes = random(300_000, 1);
        Path file = Files.write(scratch().resolve("notes.bin"), bytes);
        var handle = files.publish(file, FileMetadata.plain("notes.bin"));
        FileLink link = handle.link().get(2, TimeUnit.MINUTES);
        assertEquals("codex", link.storageType());
        assertEquals(bytes.length, link.size());
        assertEquals(link, handle.result().get(2, TimeUnit.MINUTES));
        Path fetched = files.fetch(FileLink.parse(link.encode())).result().get(2, TimeUnit.MINUTES);
        assertArrayEquals(bytes, Files.readAllBytes(fetched));
    }

    @Test
    public void step3_theShellPublishesFetchesAndShowsTheFiles() throws Exception {
        byte[] bytes = random(200_000, 2);
        Path file = Files.write(scratch().resolve("agenda.bin"), bytes);
        String published = shell().run("file:publish --wait " + file);
        Matcher m = Pattern.compile("Link   : (archivist-file:\\S+)").matcher(published);
        assertTrue(published, m.find());
        assertTrue(published, published.contains("Stored : on codex, " + bytes.length + " bytes"));
        assertTrue(published, published.contains("Fetch  : file:fetch '" + m.group(1) + "'"));
        // single-quoted, as file:publish prints it: the shell splits a command line on ';', which the link contains
        String fetched = shell().run("file:fetch --wait '" + m.group(1) + "'");
        Matcher at = Pattern.compile("Fetched: (\\S+) \\(" + bytes.length + " bytes, verified\\)").matcher(fetched);
        assertTrue(fetched, at.find());
        assertArrayEquals(bytes, Files.readAllBytes(Path.of(at.group(1))));
        String status = shell().run("file:status");
        assertTrue(status, status.contains("Storage types : codex"));
        assertTrue(status, status.contains("limit 1.0 MiB"));
        assertTrue(status, Pattern.compile("PUBLISH +DONE .*agenda\\.bin -> " + Pattern.quote(m.group(1)))
                .matcher(status).find());
        assertTrue(status, Pattern.compile("FETCH +DONE .*" + Pattern.quote(m.group(1))).matcher(status).find());
        String bad = "";
        try {
            shell().run("file:fetch not-a-link");
            fail("a malformed link is refused");
        } catch (IOException e) {
            bad = e.getMessage();
        }
        assertTrue(bad, bad.contains("not a file link"));
    }

    @Test
    public void step4_aDescriptionIsPublishedAndANewerOneFetchedByItsLink() throws Exception {
        OwnerConfigs.hostTestCommunity(configurations);
        byte[] v1 = "description, clock 100".getBytes(StandardCharsets.UTF_8);
        Waits.until(WAIT, "the description published and announced (once the host knows the community's key)",
                () -> {
                    try {
                        descriptions.publish(TestCommunity.ID, 100, v1);
                        return null;
                    } catch (org.archivist.api.content.ContentException e) {
                        return e.getMessage();
                    }
                });
        assertEquals(100, descriptions.latest(TestCommunity.ID).orElseThrow().clock());

        // a newer version's link, as a join response would carry it: fetched through the file service, verified
        byte[] v2 = "description, clock 200, more members".getBytes(StandardCharsets.UTF_8);
        FileLink link = files.publish(v2, FileMetadata.plain("description")).result().get(2, TimeUnit.MINUTES);
        descriptions.received(TestCommunity.ID, 200, link);
        Waits.until(WAIT, "the newer description fetched", () -> {
            Optional<CommunityDescription> d = descriptions.latest(TestCommunity.ID);
            return d.isPresent() && d.get().clock() == 200 ? null : String.valueOf(d.map(CommunityDescription::clock));
        });
        assertArrayEquals(v2, descriptions.latest(TestCommunity.ID).orElseThrow().bytes());
        String shown = shell().run("description:show " + TestCommunity.ID.hex());
        assertTrue(shown, shown.contains("Clock     : 200"));
        assertTrue(shown, shown.contains("Size      : " + v2.length + " bytes"));
        assertTrue(shown, shown.contains("Link      : " + link.encode()));

        // an operator publishes the next version from the shell
        byte[] v3 = "description, clock 300, from the shell".getBytes(StandardCharsets.UTF_8);
        Path file = Files.write(scratch().resolve("description-300.pb"), v3);
        String published = shell().run("description:publish --clock 300 " + TestCommunity.ID.hex() + " " + file);
        assertTrue(published, published.contains("Clock     : 300"));
        CommunityDescription newest = descriptions.latest(TestCommunity.ID).orElseThrow();
        assertEquals(300, newest.clock());
        assertArrayEquals(v3, newest.bytes());
        assertTrue(published, published.contains("Link      : " + newest.link().encode()));
        try {
            shell().run("description:publish " + TestCommunity.ID.hex() + " " + file + ".missing");
            fail("a missing file is refused");
        } catch (IOException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("no such file"));
        }
        assertEquals(300, descriptions.latest(TestCommunity.ID).orElseThrow().clock());
    }

    @Test
    public void step5_atTheStorageLimitATransferIsRefusedWithAnEventAndTheMBeanSaysSo() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        Dictionary<String, Object> topics = new Hashtable<>();
        topics.put(EventConstants.EVENT_TOPIC, ContentEvents.TOPIC_PREFIX + "*");
        var registration = context.registerService(EventHandler.class, e -> events.add(e.getTopic() + " "
                + e.getProperty(ContentEvents.NEEDED_BYTES)), topics);
        try {
            byte[] big = random(2 * 1024 * 1024, 3);
            try {
                files.publish(big, FileMetadata.plain("too-big.bin"));
                fail("2 MB do not fit in a 1 MB limit");
            } catch (StorageLimitException e) {
                assertEquals(1024 * 1024, e.maxBytes());
            }
            Waits.until(WAIT, "the storage limit event", () -> events.isEmpty() ? "none yet" : null);
            assertTrue(events.toString(), events.get(0).startsWith(ContentEvents.STORAGE_LIMIT_REACHED + " "));
            assertTrue(files.usage().atLimit());
            MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
            ObjectName name = new ObjectName("org.archivist:type=FileStorage,name=\"files\"");
            Waits.until(WAIT, "the FileStorage MBean", () -> jmx.isRegistered(name) ? null : "not registered");
            assertEquals(true, jmx.getAttribute(name, "AtLimit"));
            assertEquals(1024L * 1024, jmx.getAttribute(name, "MaxBytes"));
            Waits.until(WAIT, "the limit event counted", () -> ((Long) jmx.getAttribute(name, "LimitReachedCount"))
                    >= 1 ? null : "count " + jmx.getAttribute(name, "LimitReachedCount"));
            String status = shell().run("file:status");
            assertTrue(status, status.contains("At limit      : YES"));
        } finally {
            registration.unregister();
        }
    }

    @Test
    public void step6_theNodeStorageCountsTheFilesAndTheOperatorReleasesAFetchedCopy() throws Exception {
        Waits.until(WAIT, "the scheduler's NodeStorage service",
                () -> context.getServiceReference(NodeStorage.class) != null ? null : "not registered");
        NodeStorage node = context.getService(context.getServiceReference(NodeStorage.class));
        StorageHolder holder = null;
        for (var ref : context.getServiceReferences(StorageHolder.class, null)) {
            StorageHolder h = context.getService(ref);
            if ("files".equals(h.name())) {
                holder = h;
            }
        }
        assertTrue("the file service counts against the node's storage", holder != null);
        byte[] bytes = random(100_000, 4);
        FileLink link = files.publish(bytes, FileMetadata.plain("small.bin")).result().get(2, TimeUnit.MINUTES);
        Path fetched = files.fetch(link).result().get(2, TimeUnit.MINUTES);
        assertTrue("the node counts the files: " + node.usage(), node.usage().usedBytes() >= holder.storedBytes());
        assertTrue(holder.releasable().toString(), holder.releasable().stream()
                .anyMatch(c -> c.id().equals(fetched.getFileName().toString())));

        String dry = shell().run("archive:release --dry-run all-files");
        assertTrue(dry, dry.contains("Would release    : file files:" + fetched.getFileName()));
        assertTrue("a dry run deletes nothing", Files.exists(fetched));
        String out = shell().run("archive:release all-files");
        assertTrue(out, out.contains("Released         : file files:" + fetched.getFileName()));
        assertTrue("the fetched copy is gone", !Files.exists(fetched));
        assertArrayEquals("fetched again from the node", bytes,
                Files.readAllBytes(files.fetch(link).result().get(2, TimeUnit.MINUTES)));
    }

    private static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static Path scratch() throws IOException {
        return Files.createDirectories(Path.of(System.getProperty("karaf.data"), "content-it"));
    }

    private static KarafClient shell() throws IOException {
        return KarafClient.ofThisContainer();
    }
}
