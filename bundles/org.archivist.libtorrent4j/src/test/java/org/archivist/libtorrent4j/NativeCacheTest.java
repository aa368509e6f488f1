package org.archivist.libtorrent4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Random;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The per-user cache of the inflated native: written once, reused, and only in a directory only its owner enters. */
class NativeCacheTest {
    @TempDir
    Path tmp;
    private String tmpdir;

    @BeforeEach
    void privateTmpdir() {
        tmpdir = System.getProperty("java.io.tmpdir");
        System.setProperty("java.io.tmpdir", tmp.toString());
    }

    @AfterEach
    void restoreTmpdir() {
        System.setProperty("java.io.tmpdir", tmpdir);
    }

    @Test
    void aJarEntryIsInflatedOnceAndThenReused() throws Exception {
        byte[] content = new byte[300_000];
        new Random(1).nextBytes(content);
        URL resource = jarResource(content);
        Optional<Path> first = NativeCache.cached(resource);
        assertTrue(first.isPresent(), "a cache in a fresh private directory");
        assertArrayEquals(content, Files.readAllBytes(first.get()));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(first.get().getParent())));
        long written = Files.getLastModifiedTime(first.get()).toMillis();
        Thread.sleep(20);
        Optional<Path> second = NativeCache.cached(resource);
        assertEquals(first, second);
        assertEquals(written, Files.getLastModifiedTime(second.get()).toMillis(), "not written again");
    }

    @Test
    void aDirectoryOthersMayEnterIsNotTrusted() throws Exception {
        Path dir = tmp.resolve("archivist-libtorrent4j-" + System.getProperty("user.name"));
        Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxrwxrwx")));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        assertEquals(Optional.empty(), NativeCache.cached(jarResource(new byte[] {1, 2, 3})));
    }

    @Test
    void aResourceOutsideAJarIsNotCached() throws Exception {
        Path file = Files.write(tmp.resolve("plain.so"), new byte[] {1, 2, 3});
        assertEquals(Optional.empty(), NativeCache.cached(file.toUri().toURL()));
    }

    private URL jarResource(byte[] content) throws Exception {
        Path jar = tmp.resolve("n.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry(Libtorrent4jNative.RESOURCE));
            out.write(content);
            out.closeEntry();
        }
        return new URL("jar:" + jar.toUri() + "!/" + Libtorrent4jNative.RESOURCE);
    }

}
