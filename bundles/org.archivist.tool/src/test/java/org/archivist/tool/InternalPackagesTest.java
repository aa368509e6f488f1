package org.archivist.tool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The rule that nothing outside a bundle reaches into its {@code .internal} packages, checked on the tool's
 * compiled classes: every class name, descriptor and signature in each class file's constant pool is read, and
 * a reference to {@code org/archivist/<bundle>/internal/...} fails the build. There are no exceptions: the tool
 * reaches other bundles through their exported entry points only.
 */
class InternalPackagesTest {
    private static final Path CLASSES = Path.of("target", "classes");
    private static final Pattern INTERNAL = Pattern.compile("org/archivist/[a-z0-9_/]+?/internal/[A-Za-z0-9_$/]+");

    @Test
    void noClassOfTheToolUsesAnotherBundlesInternalPackages() throws IOException {
        assertTrue(Files.isDirectory(CLASSES.resolve("org/archivist/tool/bittorrent")), "the tool is compiled");
        assertEquals(Map.of(), violations(CLASSES), "classes reaching into other bundles' .internal packages");
    }

    @Test
    void theDemoIsBuiltOnExportedEntryPointsOnly() throws IOException {
        Map<String, Set<String>> violations = violations(CLASSES);
        assertTrue(Files.isDirectory(CLASSES.resolve("org/archivist/tool/demo")), "the demo is compiled");
        violations.keySet().forEach(c -> assertTrue(!c.startsWith("org/archivist/tool/demo/"), c + ": "
                + violations.get(c)));
    }

    @Test
    void theCheckSeesAReferenceInAClassFile() throws IOException {
        // a class of this test module that names a scheduler internal in a descriptor would be caught
        Set<String> refs = internalReferences(Files.newInputStream(
                Path.of("target", "test-classes", "org", "archivist", "tool", "InternalPackagesTest$Probe.class")));
        assertEquals(Set.of("org/archivist/scheduler/internal/ArchiveScheduler"), refs);
    }

    /** Never instantiated: its field type puts an internal class into its constant pool. */
    @SuppressWarnings("unused")
    private static final class Probe {
        private org.archivist.scheduler.internal.ArchiveScheduler scheduler; // internal-packages: probe
    }

    static Map<String, Set<String>> violations(Path root) throws IOException {
        Map<String, Set<String>> found = new TreeMap<>();
        List<Path> classes = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(f -> f.toString().endsWith(".class")).forEach(classes::add);
        }
        for (Path f : classes) {
            String name = root.relativize(f).toString().replace('\\', '/').replaceAll("\\.class$", "")
                    .replaceAll("\\$.*$", "");
            try (InputStream in = Files.newInputStream(f)) {
                Set<String> refs = internalReferences(in);
                refs.removeIf(r -> r.startsWith("org/archivist/tool/"));
                if (!refs.isEmpty()) {
                    found.computeIfAbsent(name, k -> new TreeSet<>()).addAll(refs);
                }
            }
        }
        return found;
    }

    /** The {@code org/archivist/.../internal/...} names in a class file's constant pool. */
    static Set<String> internalReferences(InputStream classFile) throws IOException {
        Set<String> refs = new TreeSet<>();
        try (DataInputStream in = new DataInputStream(classFile)) {
            if (in.readInt() != 0xCAFEBABE) {
                throw new IOException("not a class file");
            }
            in.readUnsignedShort();
            in.readUnsignedShort();
            int count = in.readUnsignedShort();
            for (int i = 1; i < count; i++) {
                int tag = in.readUnsignedByte();
                switch (tag) {
                    case 1 -> {
                        Matcher m = INTERNAL.matcher(in.readUTF());
                        while (m.find()) {
                            refs.add(m.group());
                        }
                    }
                    case 7, 8, 16, 19, 20 -> in.skipNBytes(2);
                    case 15 -> in.skipNBytes(3);
                    case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipNBytes(4);
                    case 5, 6 -> {
                        in.skipNBytes(8);
                        i++;
                    }
                    default -> throw new IOException("unknown constant pool tag " + tag);
                }
            }
        }
        return refs;
    }
}
