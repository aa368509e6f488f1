package org.archivist.host.reference.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The host's default directories follow the one rule of every Archivist bundle (core's DataDirectories). */
class HostPathsTest {
    private final String saved = System.getProperty("karaf.data");

    @AfterEach
    void restore() {
        if (saved == null) {
            System.clearProperty("karaf.data");
        } else {
            System.setProperty("karaf.data", saved);
        }
    }

    @Test
    void configuredWins() {
        assertEquals(Path.of("/x/messages"), HostPaths.resolve(" /x/messages ", "messages"));
    }

    @Test
    void insideKarafUnderItsDataDirectory() {
        System.setProperty("karaf.data", "/opt/karaf/data");
        assertEquals(Path.of("/opt/karaf/data", "archivist", "host", "messages"), HostPaths.resolve("", "messages"));
    }

    @Test
    void outsideKarafUnderTheUsersHome() {
        System.clearProperty("karaf.data");
        assertEquals(Path.of(System.getProperty("user.home"), ".archivist", "host", "messages"),
                HostPaths.resolve(null, "messages"));
    }
}
