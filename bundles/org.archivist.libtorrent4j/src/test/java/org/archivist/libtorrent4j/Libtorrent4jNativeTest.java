package org.archivist.libtorrent4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The native library survives what a bundle refresh or a feature redeploy does: the same classes defined again
 * by a new class loader while the old one still holds the library.
 */
class Libtorrent4jNativeTest {

    @Test
    void eachClassLoaderLoadsItsOwnCopyAndCallsIntoIt() throws Exception {
        try (URLClassLoader first = bundleLoader(); URLClassLoader second = bundleLoader()) {
            String v1 = loadAndAskVersion(first);
            String v2 = loadAndAskVersion(second);
            assertTrue(v1.startsWith("2.0.6"), "libtorrent's version through the first loader: " + v1);
            assertEquals(v1, v2, "the second class loader's copy answers too");
            assertNotSame(first.loadClass("org.libtorrent4j.swig.libtorrent_jni"),
                    second.loadClass("org.libtorrent4j.swig.libtorrent_jni"), "two definitions of the JNI class");
            // loading again in the same loader is a no-op
            assertEquals(v1, loadAndAskVersion(first));
            // and native calls go through the second copy while the first is loaded
            Class<?> settings = second.loadClass("org.libtorrent4j.SettingsPack");
            Object pack = settings.getConstructor().newInstance();
            settings.getMethod("setEnableDht", boolean.class).invoke(pack, true);
            assertEquals(true, settings.getMethod("isEnableDht").invoke(pack));
            settings.getMethod("setEnableDht", boolean.class).invoke(pack, false);
            assertEquals(false, settings.getMethod("isEnableDht").invoke(pack));
        }
    }

    /** Elsewhere than Linux x86_64 the load fails with a message naming the platform (the backend then runs bt). */
    @Test
    void anotherPlatformIsRefusedWithItsName() throws Exception {
        String arch = System.getProperty("os.arch");
        System.setProperty("os.arch", "aarch64");
        try (URLClassLoader loader = bundleLoader()) {
            Class<?> nativeClass = loader.loadClass(Libtorrent4jNative.class.getName());
            Object reason = nativeClass.getMethod("unavailableReason").invoke(null);
            assertEquals("Optional[libtorrent4j's native is shipped for Linux x86_64 only, this is linux aarch64]",
                    reason.toString());
        } finally {
            System.setProperty("os.arch", arch);
        }
    }

    /** The premise: what libtorrent4j does alone (one path, System.load) fails in the second class loader. */
    @Test
    void oneFixedPathCannotServeTwoClassLoaders(@TempDir Path dir) throws Exception {
        Path so = dir.resolve("libtorrent4j.so");
        try (InputStream in = Libtorrent4jNative.class.getClassLoader().getResourceAsStream(Libtorrent4jNative.RESOURCE)) {
            Files.copy(in, so);
        }
        try (URLClassLoader first = bundleLoader(); URLClassLoader second = bundleLoader()) {
            naiveLoad(first, so);
            InvocationTargetException e = assertThrows(InvocationTargetException.class, () -> naiveLoad(second, so));
            assertTrue(e.getCause() instanceof UnsatisfiedLinkError, "got " + e.getCause());
            assertTrue(e.getCause().getMessage().contains("already loaded in another classloader"),
                    e.getCause().getMessage());
        }
    }

    private static void naiveLoad(ClassLoader loader, Path so) throws Exception {
        loader.loadClass(NaiveLoad.class.getName()).getMethod("load", String.class).invoke(null, so.toString());
    }

    private static String loadAndAskVersion(ClassLoader loader) throws Exception {
        loader.loadClass(Libtorrent4jNative.class.getName()).getMethod("load").invoke(null);
        return (String) loader.loadClass("org.libtorrent4j.LibTorrent").getMethod("version").invoke(null);
    }

    /** A class loader that sees what the bundle holds (this module's classes, libtorrent4j, the native) and the JDK. */
    private static URLClassLoader bundleLoader() throws Exception {
        List<URL> urls = new ArrayList<>();
        urls.add(Libtorrent4jNative.class.getProtectionDomain().getCodeSource().getLocation());
        urls.add(NaiveLoad.class.getProtectionDomain().getCodeSource().getLocation());
        ClassLoader here = Libtorrent4jNativeTest.class.getClassLoader();
        urls.add(jarOf(here.getResource("org/libtorrent4j/LibTorrent.class")));
        urls.add(jarOf(here.getResource(Libtorrent4jNative.RESOURCE)));
        return new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
    }

    private static URL jarOf(URL resource) throws Exception {
        String s = resource.toString();
        if (s.startsWith("jar:")) {
            return new URL(s.substring(4, s.indexOf("!/")));
        }
        return resource; // a directory entry: already covered by the classes directory
    }
}
