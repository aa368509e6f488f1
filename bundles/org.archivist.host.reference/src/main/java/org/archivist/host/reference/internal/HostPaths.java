package org.archivist.host.reference.internal;

import java.nio.file.Path;

/** Where the reference host keeps its files when configuration does not say: under Karaf's data directory. */
final class HostPaths {
    private HostPaths() {
    }

    static Path resolve(String configured, String defaultName) {
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured.trim());
        }
        return Path.of(System.getProperty("karaf.data", "data"), "archivist", "host", defaultName);
    }
}
