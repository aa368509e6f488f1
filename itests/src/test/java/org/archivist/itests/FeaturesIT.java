package org.archivist.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.maven;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.features;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;

import java.io.File;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.karaf.options.LogLevelOption.LogLevel;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/**
 * Installs every Archivist feature into a real Karaf and checks that each bundle starts and that no
 * Declarative Services component of ours fails to activate or stays unsatisfied for a missing reference.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class FeaturesIT {
    private static final String PAX_URL_CFG = "etc/org.ops4j.pax.url.mvn.cfg";
    private static final Set<String> EXPECTED_BUNDLES = new TreeSet<>(Arrays.asList(
            "org.archivist.proto", "org.archivist.api", "org.archivist.core", "org.archivist.storage.bittorrent",
            "org.archivist.storage.codex", "org.archivist.host.reference", "org.archivist.scheduler",
            "org.archivist.commands"));

    @Inject
    private BundleContext context;

    @Inject
    private ServiceComponentRuntime scr;

    @Configuration
    public Option[] config() {
        String repository = System.getProperty("itest.repository");
        String version = System.getProperty("project.version");
        String featuresXml = new File(repository, "org/archivist/archivist-features/" + version
                + "/archivist-features-" + version + "-features.xml").toURI().toString();
        return new Option[] {
            karafDistributionConfiguration()
                    .frameworkUrl(maven().groupId("org.apache.karaf").artifactId("apache-karaf")
                            .type("tar.gz").versionAsInProject())
                    .unpackDirectory(new File("target/exam"))
                    .useDeployFolder(false),
            configureConsole().ignoreLocalConsole().ignoreRemoteShell(),
            logLevel(LogLevel.WARN),
            editConfigurationFilePut(PAX_URL_CFG, "org.ops4j.pax.url.mvn.localRepository",
                    System.getProperty("maven.repo.local")),
            editConfigurationFilePut(PAX_URL_CFG, "org.ops4j.pax.url.mvn.defaultRepositories",
                    new File(repository).toURI() + "@id=archivist@snapshots"),
            features(featuresXml, "archivist", "archivist-host-reference"),
        };
    }

    @Test
    public void everyArchivistBundleIsActive() {
        Set<String> active = new TreeSet<>();
        List<String> notActive = new ArrayList<>();
        for (Bundle bundle : context.getBundles()) {
            String name = bundle.getSymbolicName();
            if (name != null && name.startsWith("org.archivist.") && EXPECTED_BUNDLES.contains(name)) {
                if (bundle.getState() == Bundle.ACTIVE) {
                    active.add(name);
                } else {
                    notActive.add(name + " in state " + bundle.getState());
                }
            }
        }
        assertTrue("bundles not active: " + notActive, notActive.isEmpty());
        assertEquals(EXPECTED_BUNDLES, active);
    }

    @Test
    public void noArchivistComponentIsBroken() {
        List<String> broken = new ArrayList<>();
        for (ComponentDescriptionDTO description : scr.getComponentDescriptionDTOs()) {
            if (!description.bundle.symbolicName.startsWith("org.archivist.")) {
                continue;
            }
            for (ComponentConfigurationDTO configuration : scr.getComponentConfigurationDTOs(description)) {
                boolean failed = configuration.state == ComponentConfigurationDTO.FAILED_ACTIVATION;
                boolean missingReference = configuration.state == ComponentConfigurationDTO.UNSATISFIED_REFERENCE;
                if (failed || missingReference) {
                    broken.add(description.name + ": " + (failed ? configuration.failure
                            : "unsatisfied " + Arrays.stream(configuration.unsatisfiedReferences)
                                    .map(r -> r.name).collect(Collectors.joining(", "))));
                }
            }
        }
        assertTrue("broken components: " + broken, broken.isEmpty());
    }
}
