package org.archivist.host.reference.internal;

import java.util.Arrays;
import java.util.List;

/**
 * Multi-valued configuration attributes as Configuration Admin hands them: a {@code .cfg} file gives
 * {@code topics = general,random} as one string (it does not split it), the web console's form and a
 * {@code .config} file give one value per entry. Both are accepted: every entry is split on commas and
 * whitespace, blanks are dropped, the order is kept.
 */
final class ConfigLists {
    private ConfigLists() {
    }

    static List<String> split(String[] configured) {
        return Arrays.stream(configured).flatMap(v -> Arrays.stream(v.split("[,\\s]+")))
                .filter(v -> !v.isBlank()).toList();
    }
}
