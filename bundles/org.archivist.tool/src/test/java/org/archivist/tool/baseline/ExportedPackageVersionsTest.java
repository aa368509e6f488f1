package org.archivist.tool.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import aQute.bnd.osgi.Jar;
import aQute.bnd.version.Version;

/**
 * The exported package versions of every Archivist bundle the tool is built from, baselined against their last
 * release (bndlib's {@code Baseline}, offline, in every build): an API change without the version bump it needs
 * fails here. Before a first release there is nothing to compare with, and the test says so.
 */
class ExportedPackageVersionsTest {
    private static final Path LOCAL_REPOSITORY = Path.of(System.getProperty("archivist.localRepository",
            System.getProperty("user.home") + "/.m2/repository"));

    @TempDir
    Path tmp;

    @Test
    void everyBundlesExportedVersionsMatchTheirChangesSinceTheLastRelease() throws Exception {
        List<Jar> bundles = ReleaseBaseline.archivistBundles(System.getProperty("java.class.path"));
        assertTrue(bundles.size() >= 8, "the tool's class path holds the Archivist bundles: " + bundles.size());
        ReleaseBaseline releases = new ReleaseBaseline(LOCAL_REPOSITORY);
        List<String> problems = new ArrayList<>();
        for (Jar bundle : bundles) {
            Optional<Path> release = releases.lastRelease(bundle.getBsn(), Version.parseVersion(bundle.getVersion()));
            if (release.isEmpty()) {
                System.out.println("baseline: " + bundle.getBsn() + " " + bundle.getVersion()
                        + ": no release in " + LOCAL_REPOSITORY + " yet, nothing to compare with");
                continue;
            }
            try (Jar old = new Jar(release.get().toFile())) {
                problems.addAll(ReleaseBaseline.mismatches(bundle, old));
                System.out.println("baseline: " + bundle.getBsn() + " " + bundle.getVersion() + " against " + old.getVersion());
            }
        }
        for (Jar b : bundles) {
            b.close();
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void aRemovedClassUnderAnUnchangedPackageVersionIsAMismatch() throws Exception {
        Jar api = null;
        for (Jar j : ReleaseBaseline.archivistBundles(System.getProperty("java.class.path"))) {
            if (j.getBsn().equals("org.archivist.api")) {
                api = j;
            }
        }
        assertTrue(api != null, "the api bundle is on the class path");
        File released = tmp.resolve("released.jar").toFile();
        api.write(released);
        api.remove("org/archivist/api/TimeRange.class");

        try (Jar old = new Jar(released)) {
            assertEquals(List.of(), ReleaseBaseline.mismatches(new Jar(released), old), "the same jar is consistent");
            List<String> problems = ReleaseBaseline.mismatches(api, old);
            assertEquals(1, problems.size(), problems.toString());
            assertTrue(problems.get(0).contains("package org.archivist.api "), problems.get(0));
        }
        api.close();
    }

    @Test
    void theLastReleaseIsTheHighestNonSnapshotBelowTheBundlesVersion() throws Exception {
        for (String v : List.of("0.9.0", "1.0.0", "1.2.0", "1.10.0-SNAPSHOT", "2.0.0")) {
            Path dir = Files.createDirectories(tmp.resolve("org/archivist/org.archivist.x").resolve(v));
            Files.write(dir.resolve("org.archivist.x-" + v + ".jar"), new byte[0]);
        }
        ReleaseBaseline releases = new ReleaseBaseline(tmp);
        assertEquals(Optional.of(tmp.resolve("org/archivist/org.archivist.x/1.2.0/org.archivist.x-1.2.0.jar")),
                releases.lastRelease("org.archivist.x", Version.parseVersion("1.10.0.SNAPSHOT")));
        assertFalse(releases.lastRelease("org.archivist.x", Version.parseVersion("0.1.0.SNAPSHOT")).isPresent());
        assertFalse(releases.lastRelease("org.archivist.none", Version.parseVersion("1.0.0")).isPresent());
    }
}
