package org.archivist.libtorrent4j;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.jar.JarEntry;

/**
 * The native, inflated once per user: a process started from a plain class path (the {@code archivist} tool, a
 * fetch) would otherwise inflate 14.6 MB on every start. Kept in {@code <java.io.tmpdir>/archivist-libtorrent4j-
 * <user>/}, a directory only its owner may enter (anything else there is not trusted: no cache), named by the jar
 * entry's CRC and size and written atomically. Only for resources in a jar whose entry says its CRC (not for a
 * bundle's URL: there every load extracts a copy).
 */
final class NativeCache {
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    private NativeCache() {
    }

    /** The cached file for this resource (written now if missing), or empty when no cache can be trusted here. */
    static Optional<Path> cached(URL resource) {
        try {
            URLConnection connection = resource.openConnection();
            if (!(connection instanceof JarURLConnection jar)) {
                return Optional.empty();
            }
            JarEntry entry = jar.getJarEntry();
            if (entry == null || entry.getCrc() < 0 || entry.getSize() < 0) {
                return Optional.empty();
            }
            Optional<Path> dir = privateDirectory();
            if (dir.isEmpty()) {
                return Optional.empty();
            }
            Path file = dir.get().resolve(String.format(Locale.ROOT, "libtorrent4j-%08x-%d.so", entry.getCrc(),
                    entry.getSize()));
            if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) && Files.size(file) == entry.getSize()) {
                return Optional.of(file);
            }
            Path partial = Files.createTempFile(dir.get(), "libtorrent4j-", ".partial");
            try (InputStream in = jar.getInputStream()) {
                Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
                Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(partial);
            }
            return Files.size(file) == entry.getSize() ? Optional.of(file) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // no cache: a private copy does the job
        }
    }

    private static Optional<Path> privateDirectory() throws IOException {
        String user = System.getProperty("user.name", "").replaceAll("[^A-Za-z0-9._-]", "_");
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), "archivist-libtorrent4j-" + user);
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            try {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } catch (java.nio.file.FileAlreadyExistsException raced) {
                // checked below like any existing directory
            }
        }
        boolean trusted = Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)
                && Files.getOwner(dir, LinkOption.NOFOLLOW_LINKS).getName().equals(System.getProperty("user.name"))
                && Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS).equals(OWNER_ONLY);
        return trusted ? Optional.of(dir) : Optional.empty();
    }
}
