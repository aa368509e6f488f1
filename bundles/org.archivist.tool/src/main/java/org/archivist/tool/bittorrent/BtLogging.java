package org.archivist.tool.bittorrent;

/**
 * Keeps bt's own logging to warnings in the command-line tool, and silences what it logs as errors on a
 * normal shutdown (closed channels). Must run before the first logger is created.
 */
final class BtLogging {
    private BtLogging() {
    }

    static void quiet() {
        set("org.slf4j.simpleLogger.log.bt", "warn");
        set("org.slf4j.simpleLogger.log.bt.net.IncomingConnectionListener", "off");
        set("org.slf4j.simpleLogger.log.bt.net.DataReceivingLoop", "off");
        set("org.slf4j.simpleLogger.log.bt.net.MessageDispatcher", "off");
        set("org.slf4j.simpleLogger.log.bt.torrent.messaging.PieceConsumer", "off");
        set("org.slf4j.simpleLogger.log.bt.processor", "off");
        set("org.slf4j.simpleLogger.log.org.archivist.storage.bittorrent", "warn");
    }

    private static void set(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
