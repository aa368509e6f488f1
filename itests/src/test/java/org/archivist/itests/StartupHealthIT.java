package org.archivist.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Dictionary;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.inject.Inject;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.archivist.api.host.MessageImporter;
import org.archivist.api.storage.BackendStatus;
import org.archivist.api.storage.StorageBackend;
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
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The BitTorrent backend as the distribution runs it, with the DHT on (bt's DHT module loaded from the bundle),
 * bound to loopback, no bootstrap router: nothing leaves the machine; then a start failure, which must be loud: logged at ERROR with its cause, DOWN
 * in the health check ({@code archive:health}, run through {@code bin/client} as an operator would, no http),
 * in {@code archive:status} and in JMX, and the owner's runs on it failing at once and retried with backoff.
 * The Codex backend points at a port nobody listens on, so it is DOWN throughout.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class StartupHealthIT {
    private static final String BITTORRENT_PID = "org.archivist.storage.bittorrent";
    private static final String SCHEDULER_CFG = "etc/org.archivist.scheduler.cfg";
    private static final Duration WAIT = Duration.ofSeconds(90);

    @Inject
    private BundleContext context;

    @Inject
    private ConfigurationAdmin configurations;

    @Inject
    private MessageImporter importer;

    private static Option[] configuration;

    @Configuration
    public Option[] config() {
        if (configuration == null) {
            int bt = FreePorts.next();
            List<Option> options = Distribution.container("health", bt, FreePorts.next());
            options.add(editConfigurationFilePut(Distribution.BITTORRENT_CFG, "dht", "true"));
            options.add(editConfigurationFilePut(Distribution.BITTORRENT_CFG, "dhtBootstrap", "false"));
            options.add(editConfigurationFilePut(Distribution.CODEX_CFG, "baseUrl", "http://127.0.0.1:"
                    + FreePorts.next()));
            options.add(editConfigurationFilePut(SCHEDULER_CFG, "retrySeconds", "1"));
            options.add(editConfigurationFilePut(Distribution.SYSTEM_PROPERTIES, "itest.bt", String.valueOf(bt)));
            configuration = options.toArray(new Option[0]);
        }
        return configuration;
    }

    @Test
    public void step1_theEngineRunsWithItsDhtOnLoopbackAndSeedsAPublishedSet() throws Exception {
        int port = Integer.getInteger("itest.bt");
        Waits.until(WAIT, "the BitTorrent backend UP", () -> {
            BackendStatus s = bittorrent().status();
            return s.state() == BackendStatus.State.UP ? null : s.toString();
        });
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
        }
        List<String> udp = udpAddressesOn(port);
        assertTrue("the DHT has no UDP socket on a non-loopback address (bt's DHT binds only to globally routable"
                + " addresses, so on a loopback node it runs without one): " + udp,
                udp.stream().allMatch(StartupHealthIT::loopback));
        String log = karafLog();
        assertFalse("no class is missing from the embedding", log.contains("NoClassDefFoundError"));
        assertFalse("the engine started without an error", log.contains("BitTorrent engine could not start"));

        // a publish that seeds: the owner's archive run on its schedule (history older than the interval)
        long now = Instant.now().getEpochSecond();
        importer.importMessages(TestCommunity.ID, TestCommunity.messages(new Random(3), 200, now - 3 * 86400,
                now - 3600));
        OwnerConfigs.hostTestCommunity(configurations);
        OwnerConfigs.archive(configurations, TestCommunity.ID, "bittorrent", "P1D", null);
        Waits.until(WAIT, "a magnet link, seeded", () -> {
            StorageBackend b = bittorrent();
            Object seeding = b.status().metrics().get("seedingCommunities");
            return b.currentLink(TestCommunity.ID).isPresent() && Integer.valueOf(1).equals(seeding) ? null
                    : "link " + b.currentLink(TestCommunity.ID) + ", " + b.status();
        });
        MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
        ObjectName backend = new ObjectName("org.archivist:type=Backend,name=\"bittorrent\"");
        Waits.until(WAIT, "the backend's MBean", () -> jmx.isRegistered(backend) ? null : "not registered");
        assertEquals("UP", jmx.getAttribute(backend, "State"));
        assertEquals(1, jmx.getAttribute(backend, "seedingCommunities"));
        assertEquals(port, jmx.getAttribute(backend, "listenPort"));
        assertEquals("nobody dialled this node, so no peer connection", 0, jmx.getAttribute(backend, "peers"));
    }

    @Test
    public void step2_healthAndStatusInTheShellWithoutHttp() throws Exception {
        assertTrue("no HTTP service in the distribution's boot features",
                context.getServiceReferences("org.osgi.service.http.HttpService", null) == null);
        String status = shell().run("archive:status " + TestCommunity.ID.hex());
        assertTrue(status, status.contains("Backend          : bittorrent UP"));
        assertTrue(status, status.contains("State            : ok"));
        String health = healthFailing();
        assertTrue(health, Pattern.compile("OK\\s+Archivist bittorrent backend").matcher(health).find());
        assertTrue(health, Pattern.compile("CRITICAL\\s+Archivist codex backend").matcher(health).find());
        assertTrue(health, health.contains("Archivist scheduler"));
        assertTrue(health, health.contains("Overall: CRITICAL"));
    }

    @Test
    public void step3_aStartFailureIsLoudAndTheOwnersRunsRetryWithBackoff() throws Exception {
        int taken;
        try (ServerSocket occupant = new ServerSocket()) {
            occupant.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            taken = occupant.getLocalPort();
            int logBefore = karafLog().length();
            Dictionary<String, Object> bt = configurations.getConfiguration(BITTORRENT_PID, "?").getProperties();
            bt.put("listenPort", String.valueOf(taken));
            configurations.getConfiguration(BITTORRENT_PID, "?").update(bt);

            Waits.until(WAIT, "the BitTorrent backend DOWN", () -> {
                BackendStatus s = bittorrent().status();
                return s.state() == BackendStatus.State.DOWN ? null : s.toString();
            });
            String reason = bittorrent().status().detail();
            assertTrue(reason, reason.contains(String.valueOf(taken)));

            String log = karafLog().substring(logBefore);
            assertTrue("logged at ERROR with its cause: " + log, Pattern.compile("ERROR.*(did not start|could not"
                    + " start).*" + taken, Pattern.MULTILINE).matcher(log).find());
            assertTrue("with the cause's stack trace: " + log, log.contains("is another node using that port"));

            String health = healthFailing();
            assertTrue(health, Pattern.compile("CRITICAL\\s+Archivist bittorrent backend").matcher(health).find());
            assertTrue(health, health.contains(String.valueOf(taken)));
            // the backend came back as a new (failed) service: the scheduler rebinds it first
            Waits.until(WAIT, "archive:status saying the backend is down", () -> {
                String status = shell().run("archive:status " + TestCommunity.ID.hex());
                return status.contains("Backend          : bittorrent DOWN: ")
                        && status.contains("State            : backend down: bittorrent") ? null : status;
            });
            ObjectName backend = new ObjectName("org.archivist:type=Backend,name=\"bittorrent\"");
            Waits.until(WAIT, "DOWN in JMX", () -> {
                Object state = ManagementFactory.getPlatformMBeanServer().getAttribute(backend, "State");
                return "DOWN".equals(state) ? null : String.valueOf(state);
            });

            // the owner's runs on it: each fails at once (no wait for the engine) and is retried with backoff
            long t0 = System.nanoTime();
            try {
                shell().run("archive:create " + TestCommunity.ID.hex());
            } catch (IOException failedRun) {
                // the run failed; what matters is what the scheduler logged and does next
            }
            String runLog = "";
            Pattern retry = Pattern.compile("retrying in PT(\\d+)S \\(failure (\\d+) in a row\\)");
            while (System.nanoTime() - t0 < WAIT.toNanos()) {
                runLog = karafLog().substring(logBefore);
                if (retry.matcher(runLog).results().count() >= 3) {
                    break;
                }
                Thread.sleep(1000);
            }
            Matcher m = retry.matcher(runLog);
            long previous = 0;
            int seen = 0;
            while (m.find()) {
                long delay = Long.parseLong(m.group(1));
                assertTrue("the delays grow: " + runLog, delay >= previous);
                previous = delay;
                seen++;
            }
            assertTrue("three retries, doubling: " + runLog, seen >= 3 && previous >= 4);
            assertTrue("each run fails on the backend: " + runLog, runLog.contains("ERROR")
                    && runLog.contains("the BitTorrent engine did not start"));
        }

        // the port is free again: back to UP with the original port, seeding resumed
        Dictionary<String, Object> bt = configurations.getConfiguration(BITTORRENT_PID, "?").getProperties();
        bt.put("listenPort", String.valueOf(Integer.getInteger("itest.bt")));
        configurations.getConfiguration(BITTORRENT_PID, "?").update(bt);
        Waits.until(WAIT, "UP and seeding again", () -> {
            BackendStatus s = bittorrent().status();
            return s.state() == BackendStatus.State.UP && Integer.valueOf(1).equals(s.metrics().get("seedingCommunities"))
                    ? null : s.toString();
        });
    }

    /** archive:health exits non-zero while Codex is down; its output is in the failure's message. */
    private String healthFailing() throws Exception {
        try {
            String out = shell().run("archive:health");
            fail("archive:health passed although the Codex node is unreachable: " + out);
            return out;
        } catch (IOException expected) {
            return expected.getMessage();
        }
    }

    private StorageBackend bittorrent() throws Exception {
        Collection<ServiceReference<StorageBackend>> refs = context.getServiceReferences(StorageBackend.class,
                "(" + StorageBackend.TYPE_PROPERTY + "=" + StorageBackend.BITTORRENT + ")");
        if (refs.isEmpty()) {
            throw new IllegalStateException("no BitTorrent backend registered");
        }
        return context.getService(refs.iterator().next());
    }

    private static KarafClient shell() throws IOException {
        return KarafClient.ofThisContainer();
    }

    /** The local addresses (hex, as /proc/net/udp{,6} shows them) of the UDP sockets bound to the port. */
    private static List<String> udpAddressesOn(int port) throws IOException {
        String suffix = String.format(Locale.ROOT, ":%04X", port);
        List<String> addresses = new java.util.ArrayList<>();
        for (String file : List.of("/proc/net/udp", "/proc/net/udp6")) {
            for (String line : Files.readAllLines(Path.of(file)).subList(1, Files.readAllLines(Path.of(file)).size())) {
                String[] fields = line.trim().split("\\s+");
                if (fields.length > 1 && fields[1].endsWith(suffix)) {
                    addresses.add(fields[1]);
                }
            }
        }
        return addresses;
    }

    private static boolean loopback(String hexAddress) {
        String a = hexAddress.substring(0, hexAddress.indexOf(':'));
        return a.equals("0100007F") || a.equals("00000000000000000000000001000000")
                || a.equals("0000000000000000FFFF00000100007F");
    }

    private static String karafLog() throws IOException {
        Path log = Path.of(System.getProperty("karaf.data"), "log", "karaf.log");
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }
}
