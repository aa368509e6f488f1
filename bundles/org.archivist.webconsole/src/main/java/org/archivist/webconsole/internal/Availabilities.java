package org.archivist.webconsole.internal;

import java.util.Locale;

import org.archivist.api.service.ArchiveSummary.Availability;

/** An archive's availability as the page and its JSON name it: published, held, missing, outside_window. */
final class Availabilities {
    private Availabilities() {
    }

    static String name(Availability a) {
        return a.name().toLowerCase(Locale.ROOT);
    }

    /** For people: "outside the window" rather than the JSON's name. */
    static String label(Availability a) {
        return a == Availability.OUTSIDE_WINDOW ? "outside the window" : name(a);
    }
}
