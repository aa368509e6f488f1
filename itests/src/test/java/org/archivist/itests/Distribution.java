package org.archivist.itests;

import static org.ops4j.pax.exam.CoreOptions.systemTimeout;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.keepRuntimeFolder;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;

import java.io.File;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.karaf.options.LogLevelOption.LogLevel;

/**
 * The Archivist distribution (distribution/target/*.tar.gz, built earlier in the same reactor) as a Pax Exam
 * container: every port ephemeral and on loopback, Maven resolution from the build's local repository.
 * Driver side only.
 */
final class Distribution {
    static final String PAX_URL_CFG = "etc/org.ops4j.pax.url.mvn.cfg";
    static final String SHELL_CFG = "etc/org.apache.karaf.shell.cfg";
    static final String MANAGEMENT_CFG = "etc/org.apache.karaf.management.cfg";
    static final String BITTORRENT_CFG = "etc/org.archivist.storage.bittorrent.cfg";
    static final String CODEX_CFG = "etc/org.archivist.storage.codex.cfg";
    static final String CHANNEL_CFG = "etc/org.archivist.host.reference.channel.cfg";
    static final String SYSTEM_PROPERTIES = "etc/system.properties";

    private Distribution() {
    }

    static File tarGz() {
        File f = new File(System.getProperty("itest.distribution", "../distribution/target/archivist-distribution-"
                + System.getProperty("project.version") + ".tar.gz"));
        if (!f.isFile()) {
            throw new IllegalStateException("the distribution " + f.getAbsolutePath() + " is missing: build the"
                    + " reactor (mvn verify) so that distribution/ is packaged before itests/");
        }
        return f;
    }

    /** The container's options: the distribution, loopback ports, the BitTorrent and channel ports given. */
    static List<Option> container(String name, int bittorrentPort, int channelPort) {
        List<Option> options = new ArrayList<>();
        options.add(karafDistributionConfiguration()
                .frameworkUrl(tarGz().toURI().toString())
                .karafVersion(System.getProperty("karaf.version", "4.4.10"))
                .name("Archivist " + name)
                .unpackDirectory(new File("target/exam/" + name))
                .useDeployFolder(false));
        options.add(configureConsole().ignoreLocalConsole());
        // a loaded 2-core machine can take minutes to bring Karaf up; the default wait is 3 minutes
        options.add(systemTimeout(Duration.ofMinutes(6).toMillis()));
        options.add(logLevel(LogLevel.WARN));
        if (Boolean.getBoolean("itest.keep")) {
            options.add(keepRuntimeFolder());
        }
        options.add(editConfigurationFilePut(PAX_URL_CFG, "org.ops4j.pax.url.mvn.localRepository",
                System.getProperty("maven.repo.local")));
        options.add(editConfigurationFilePut(SHELL_CFG, "sshPort", String.valueOf(FreePorts.next())));
        options.add(editConfigurationFilePut(SHELL_CFG, "sshHost", "127.0.0.1"));
        options.add(editConfigurationFilePut(MANAGEMENT_CFG, "rmiRegistryPort", String.valueOf(FreePorts.next())));
        options.add(editConfigurationFilePut(MANAGEMENT_CFG, "rmiServerPort", String.valueOf(FreePorts.next())));
        options.add(editConfigurationFilePut(BITTORRENT_CFG, "listenPort", String.valueOf(bittorrentPort)));
        options.add(editConfigurationFilePut(CHANNEL_CFG, "port", String.valueOf(channelPort)));
        return options;
    }
}
