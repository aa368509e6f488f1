package org.archivist.tool.archive;

/** Keeps the engine's per-archive INFO lines out of benchmark output (slf4j-simple reads this once per logger). */
final class Quiet {
    private static final String PROPERTY = "org.slf4j.simpleLogger.log.org.archivist.core";
    private static final String SCHEDULER = "org.slf4j.simpleLogger.log.org.archivist.scheduler";

    private Quiet() {
    }

    static void engineLogs() {
        if (System.getProperty(PROPERTY) == null) {
            System.setProperty(PROPERTY, "warn");
        }
        if (System.getProperty(SCHEDULER) == null) {
            System.setProperty(SCHEDULER, "warn");
        }
    }
}
