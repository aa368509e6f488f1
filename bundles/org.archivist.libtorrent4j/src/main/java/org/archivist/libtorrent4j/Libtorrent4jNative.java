package org.archivist.libtorrent4j;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.net.URL;
import java.util.Locale;
import java.util.Optional;

/**
 * Loads libtorrent4j's JNI library for the classes of this class loader; call {@link #load()} before touching any
 * {@code org.libtorrent4j} class.
 *
 * <p>The JVM refuses to load one library path from two class loaders ("already loaded in another classloader"),
 * and a bundle refresh or a feature redeploy gives this bundle a new class loader while the old one may still
 * hold the library. So each class loader loads a <em>copy of its own</em>: the {@code .so} embedded in the bundle
 * is copied to a new temporary file and loaded from there (a new inode, so glibc maps a separate instance rather
 * than handing back the first one), and the file is deleted right after (the mapping stays valid). Within one
 * class loader the library is loaded once; a refresh of a bundle that only <em>uses</em> libtorrent4j does not
 * touch this bundle's class loader at all.
 *
 * <p>The first class loader of a JVM may load the per-user cached copy that {@link NativeCache} keeps (on a plain
 * class path: the jar's entry is inflated once per user, not once per process); every later one loads a private
 * copy.
 *
 * <p>libtorrent4j's own loader reads the system property {@code libtorrent4j.jni.path} when its JNI class is
 * initialised; the property is set to the copy for that moment only, under a lock shared by every class loader
 * of the JVM (an interned string), and restored after.
 */
public final class Libtorrent4jNative {
    /** The native inside this bundle (and inside libtorrent4j-linux's jar on a plain class path). */
    public static final String RESOURCE = "lib/x86_64/libtorrent4j.so";
    private static final String PATH_PROPERTY = "libtorrent4j.jni.path";
    private static final String JNI_CLASS = "org.libtorrent4j.swig.libtorrent_jni";
    /** A string literal is interned: the same object for every class loader that loads this class. */
    private static final Object JVM_WIDE_LOCK = "org.archivist.libtorrent4j.Libtorrent4jNative.load";

    /** Set (to the file) once any class loader of the JVM has loaded the native: later ones need a private copy. */
    private static final String LOADED_PROPERTY = "org.archivist.libtorrent4j.loaded";

    private static boolean loaded;
    private static Throwable failure;
    private static String loadedFrom;

    private Libtorrent4jNative() {
    }

    /**
     * Loads the native library for this class loader (once; later calls return at once or rethrow the first
     * failure).
     *
     * @throws UnsatisfiedLinkError when this platform has no native here (only Linux x86_64 is shipped) or it
     *                              does not load; the message says which
     */
    public static synchronized void load() {
        if (loaded) {
            return;
        }
        if (failure != null) {
            throw unavailable(failure.getMessage(), failure);
        }
        try {
            loadCopy();
            loaded = true;
        } catch (IOException | RuntimeException | LinkageError e) {
            failure = e;
            throw unavailable(e.getMessage(), e);
        }
    }

    /** Whether {@link #load()} succeeds here; the reason it does not otherwise. */
    public static Optional<String> unavailableReason() {
        try {
            load();
            return Optional.empty();
        } catch (UnsatisfiedLinkError e) {
            return Optional.of(e.getMessage());
        }
    }

    private static void loadCopy() throws IOException {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        if (!os.contains("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            throw new UnsatisfiedLinkError("libtorrent4j's native is shipped for Linux x86_64 only, this is " + os
                    + " " + arch);
        }
        URL resource = Libtorrent4jNative.class.getClassLoader().getResource(RESOURCE);
        if (resource == null) {
            throw new UnsatisfiedLinkError(RESOURCE + " is missing from " + Libtorrent4jNative.class
                    .getProtectionDomain().getCodeSource());
        }
        synchronized (JVM_WIDE_LOCK) {
            boolean first = System.getProperty(LOADED_PROPERTY) == null;
            Optional<Path> cached = first ? NativeCache.cached(resource) : Optional.empty();
            Path file = cached.isPresent() ? cached.get() : privateCopy(resource);
            try {
                loadFrom(file);
                System.setProperty(LOADED_PROPERTY, file.toString());
                loadedFrom = file.toString();
            } finally {
                if (cached.isEmpty()) {
                    Files.deleteIfExists(file); // the loaded library stays mapped; nothing is left behind
                }
            }
        }
    }

    /** A copy of the native in a new temporary file (a new inode), for this class loader alone. */
    private static Path privateCopy(URL resource) throws IOException {
        Path copy = Files.createTempFile("libtorrent4j-", ".so");
        try (InputStream in = resource.openStream()) {
            Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(copy);
            throw e;
        }
        return copy;
    }

    /** Initialises libtorrent4j's JNI class, whose loader reads {@code libtorrent4j.jni.path}; under the lock. */
    private static void loadFrom(Path file) {
        String previous = System.getProperty(PATH_PROPERTY);
        System.setProperty(PATH_PROPERTY, file.toString());
        try {
            Class.forName(JNI_CLASS, true, Libtorrent4jNative.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new UnsatisfiedLinkError("libtorrent4j's classes are missing: " + e.getMessage());
        } catch (ExceptionInInitializerError e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw (UnsatisfiedLinkError) new UnsatisfiedLinkError("libtorrent4j's native did not load from "
                    + file + ": " + cause).initCause(cause);
        } finally {
            if (previous == null) {
                System.clearProperty(PATH_PROPERTY);
            } else {
                System.setProperty(PATH_PROPERTY, previous);
            }
        }
    }

    /** The file this class loader's native was loaded from (deleted since, unless it is the cached copy). */
    public static synchronized Optional<String> loadedFrom() {
        return Optional.ofNullable(loadedFrom);
    }

    private static UnsatisfiedLinkError unavailable(String message, Throwable cause) {
        UnsatisfiedLinkError error = new UnsatisfiedLinkError(message);
        error.initCause(cause);
        return error;
    }
}
