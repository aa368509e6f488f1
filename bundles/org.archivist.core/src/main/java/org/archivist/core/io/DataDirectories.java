package org.archivist.core.io;

import java.nio.file.Path;

/**
 * The one rule for where a component keeps its files when its configuration names no directory:
 * {@code ${karaf.data}/archivist/<name>} inside Karaf, else {@code ${user.home}/.archivist/<name>}.
 */
public final class DataDirectories {
    private DataDirectories() {
    }

    /** The configured directory if there is one, else the default for {@code name}. */
    public static Path resolve(String configured, String name) {
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured.trim());
        }
        String data = System.getProperty("karaf.data");
        return data != null && !data.isBlank() ? Path.of(data, "archivist", name)
                : Path.of(System.getProperty("user.home"), ".archivist", name);
    }
}
