package org.archivist.tool.baseline;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import aQute.bnd.differ.Baseline;
import aQute.bnd.differ.DiffPluginImpl;
import aQute.bnd.osgi.Jar;
import aQute.bnd.osgi.Processor;
import aQute.bnd.version.Version;

/**
 * bnd's baseline of one bundle against its last release, as {@code bnd-baseline-maven-plugin} would run it:
 * every exported package whose API changed more than its {@code @Version} says is a mismatch. The release is the
 * highest non-SNAPSHOT version below the bundle's own in the local Maven repository; none is not an error
 * (nothing was released yet), so the check works offline and before a first release.
 */
final class ReleaseBaseline {
    private final Path localRepository;

    ReleaseBaseline(Path localRepository) {
        this.localRepository = localRepository;
    }

    /** The mismatches of {@code bundle} against {@code release}, one line each (empty: the versions are right). */
    static List<String> mismatches(Jar bundle, Jar release) throws Exception {
        try (Processor reporter = new Processor()) {
            Set<Baseline.Info> infos = new Baseline(reporter, new DiffPluginImpl()).baseline(bundle, release, null);
            List<String> problems = new ArrayList<>();
            for (Baseline.Info i : infos) {
                if (i.mismatch) {
                    problems.add(bundle.getBsn() + ": package " + i.packageName + " " + i.newerVersion + " changed ("
                            + i.packageDiff.getDelta() + ") since " + i.olderVersion + ": it must be at least "
                            + i.suggestedVersion);
                }
            }
            return problems;
        }
    }

    /** The last release of {@code bsn} below {@code version} in the local repository, if one was released. */
    Optional<Path> lastRelease(String bsn, Version version) throws IOException {
        Path dir = localRepository.resolve("org/archivist").resolve(bsn);
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(dir)) {
            return versions.map(p -> p.getFileName().toString()).filter(v -> !v.endsWith("-SNAPSHOT"))
                    .filter(v -> Version.isVersion(v) && Version.parseVersion(v).compareTo(version.getWithoutQualifier()) < 0)
                    .max(Comparator.comparing(Version::parseVersion))
                    .map(v -> dir.resolve(v).resolve(bsn + "-" + v + ".jar")).filter(Files::isRegularFile);
        }
    }

    /** The Archivist bundles on a class path (packaged jars or {@code target/classes} with their manifest). */
    static List<Jar> archivistBundles(String classPath) throws Exception {
        List<Jar> bundles = new ArrayList<>();
        for (String entry : classPath.split(File.pathSeparator)) {
            File f = new File(entry);
            if (!f.exists() || (f.isDirectory() && !new File(f, "META-INF/MANIFEST.MF").isFile())) {
                continue;
            }
            Jar jar = new Jar(f);
            String bsn = jar.getBsn();
            if (bsn != null && bsn.startsWith("org.archivist.") && !entry.contains("org.archivist.tool")) {
                bundles.add(jar);
            } else {
                jar.close();
            }
        }
        return bundles;
    }
}
