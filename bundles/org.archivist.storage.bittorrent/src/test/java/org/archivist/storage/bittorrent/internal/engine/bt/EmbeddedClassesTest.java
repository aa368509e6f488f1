package org.archivist.storage.bittorrent.internal.engine.bt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import org.archivist.storage.bittorrent.internal.testing.BundleClassLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedding leaves nothing out (issue 8: bt-dht's {@code PortMessageHandler}, in a package split with
 * bt-core, was missing and the DHT died with {@code NoClassDefFoundError}). Checked on what the bundle jar is
 * made of: {@code target/classes} after bnd expanded the embedded packages into it.
 */
class EmbeddedClassesTest {
    private static final Path BUNDLE = BundleClassLoader.bundleClasses();

    @TempDir
    Path tmp;

    @Test
    void everyClassOfAnEmbeddedPackageIsInTheBundle() throws IOException {
        Set<String> missing = new TreeSet<>();
        int checked = 0;
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.endsWith(".jar")) {
                continue;
            }
            try (JarFile jar = new JarFile(entry)) {
                for (JarEntry e : (Iterable<JarEntry>) jar.stream()::iterator) {
                    String name = e.getName();
                    if (!name.endsWith(".class") || name.startsWith("META-INF/") || name.endsWith("module-info.class")
                            || name.indexOf('/') < 0) {
                        continue;
                    }
                    String pkg = name.substring(0, name.lastIndexOf('/'));
                    if (pkg.startsWith("org/archivist/") || !Files.isDirectory(BUNDLE.resolve(pkg))
                            || !containsClasses(BUNDLE.resolve(pkg))) {
                        continue;
                    }
                    checked++;
                    if (!Files.exists(BUNDLE.resolve(name))) {
                        missing.add(name + " (from " + Path.of(entry).getFileName() + ")");
                    }
                }
            }
        }
        assertTrue(checked > 3000, "only " + checked + " classes of embedded packages found on the class path");
        assertEquals(Set.of(), missing, "classes of embedded packages left out of the bundle");
    }

    @Test
    void everyEmbeddedBtClassLoadsWithTheTypesOfItsMembers() throws IOException {
        List<String> failures = new ArrayList<>();
        int loaded = 0;
        try (BundleClassLoader loader = BundleClassLoader.withProbes(tmp, Set.of(), EngineStartProbe.class);
                Stream<Path> files = Files.walk(BUNDLE)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String rel = BUNDLE.relativize(file).toString().replace(File.separatorChar, '/');
                if (!rel.endsWith(".class") || !(rel.startsWith("bt/") || rel.startsWith("lbms/")
                        || rel.startsWith("the8472/"))) {
                    continue;
                }
                String name = rel.substring(0, rel.length() - ".class".length()).replace('/', '.');
                try {
                    Class<?> type = Class.forName(name, false, loader);
                    type.getDeclaredFields();
                    type.getDeclaredMethods();
                    type.getDeclaredConstructors();
                    loaded++;
                } catch (ClassNotFoundException | LinkageError | TypeNotPresentException e) {
                    failures.add(name + ": " + e);
                }
            }
        }
        assertTrue(loaded > 500, "only " + loaded + " bt classes found in " + BUNDLE);
        assertEquals(List.of(), failures);
    }

    @Test
    void theEngineStartsWithTheDhtOnFromTheBundlesClassesAlone() throws Exception {
        try (BundleClassLoader loader = BundleClassLoader.withProbes(tmp, Set.of(), EngineStartProbe.class)) {
            String[] result = probe(loader).split("\\|", -1);
            assertEquals("RUNNING", result[0], String.join(" | ", result));
            assertTrue(Integer.parseInt(result[1]) > 0);
            assertEquals("", result[2]);
            assertEquals("", result[3]);
        }
    }

    @Test
    void aClassLeftOutOfTheEmbeddingFailsTheStartLoudly() throws Exception {
        Set<String> hidden = Set.of("bt.protocol.handler.PortMessageHandler");
        try (BundleClassLoader loader = BundleClassLoader.withProbes(tmp, hidden, EngineStartProbe.class)) {
            String[] result = probe(loader).split("\\|", -1);
            assertEquals("FAILED", result[0], String.join(" | ", result));
            assertTrue(result[2].startsWith("EngineException: the BitTorrent engine could not start"), result[2]);
            assertTrue(result[3].contains("NoClassDefFoundError") && result[3].contains("PortMessageHandler"),
                    result[3]);
        }
    }

    @SuppressWarnings("unchecked")
    static String probe(ClassLoader loader) throws ReflectiveOperationException {
        Class<?> type = loader.loadClass(EngineStartProbe.class.getName());
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return ((Supplier<String>) type.getConstructor().newInstance()).get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static boolean containsClasses(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(f -> f.toString().endsWith(".class"));
        }
    }
}
