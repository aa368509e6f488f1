package org.archivist.host.reference.internal;

import java.nio.file.Path;

/**
 * Where the reference host keeps its files when configuration does not say, by the one rule of every Archivist
 * bundle (the core's {@code DataDirectories}; the host may not depend on the core):
 * {@code ${karaf.data}/archivist/host/<name>} inside Karaf, else {@code ${user.home}/.archivist/host/<name>}.
 */
final class HostPaths {
    private HostPaths() {
    }

    static Path resolve(String configured, String defaultName) {
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured.trim());
        }
        String data = System.getProperty("karaf.data");
        return data != null && !data.isBlank() ? Path.of(data, "archivist", "host", defaultName)
                : Path.of(System.getProperty("user.home"), ".archivist", "host", defaultName);
    }
}
