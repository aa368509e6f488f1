package org.archivist.storage.bittorrent.internal.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import org.archivist.storage.bittorrent.internal.engine.bt.BtEngine;

/**
 * A class loader that sees what the built bundle holds and nothing else: the module's {@code target/classes}
 * after bnd has expanded the embedded packages into it (the bundle jar is made of exactly that directory),
 * plus SLF4J (which the bundle imports) and the JDK. Test probes are copied in from {@code test-classes};
 * {@code hidden} classes are made to be missing, as a class left out of the embedding would be.
 */
public final class BundleClassLoader extends URLClassLoader {
    private final Set<String> hidden;

    private BundleClassLoader(URL[] urls, Set<String> hidden) {
        super("bundle-classes", urls, new ImportsOnly());
        this.hidden = hidden;
    }

    /** The directory the bundle is built from ({@code target/classes}). */
    public static Path bundleClasses() {
        return codeSource(BtEngine.class);
    }

    public static Path codeSource(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The bundle's classes plus the given test probes (copied under {@code probeDir}). */
    public static BundleClassLoader withProbes(Path probeDir, Set<String> hidden, Class<?>... probes) {
        try {
            Path testClasses = codeSource(probes[0]);
            for (Class<?> probe : probes) {
                String file = probe.getName().replace('.', '/') + ".class";
                Path target = probeDir.resolve(file);
                Files.createDirectories(target.getParent());
                Files.copy(testClasses.resolve(file), target);
            }
            return new BundleClassLoader(new URL[] {bundleClasses().toUri().toURL(), probeDir.toUri().toURL()},
                    hidden);
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        if (hidden.contains(name)) {
            throw new ClassNotFoundException(name + " (hidden by the test)");
        }
        return super.findClass(name);
    }

    /** The bundle's imports that the test JVM provides: SLF4J; everything else comes from the JDK only. */
    private static final class ImportsOnly extends ClassLoader {
        ImportsOnly() {
            super("bundle-imports", ClassLoader.getPlatformClassLoader());
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            if (name.startsWith("org.slf4j.")) {
                return BundleClassLoader.class.getClassLoader().loadClass(name);
            }
            throw new ClassNotFoundException(name);
        }

        @Override
        protected URL findResource(String name) {
            return name.startsWith("org/slf4j/") || name.startsWith("META-INF/services/org.slf4j")
                    || name.equals("simplelogger.properties")
                    ? BundleClassLoader.class.getClassLoader().getResource(name) : null;
        }
    }
}
