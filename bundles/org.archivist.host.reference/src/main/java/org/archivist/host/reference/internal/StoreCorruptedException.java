package org.archivist.host.reference.internal;

import java.io.IOException;

/** A message log is damaged before its end, where no torn write can be; nothing is repaired or dropped. */
public class StoreCorruptedException extends IOException {
    private static final long serialVersionUID = 1L;

    public StoreCorruptedException(String message) {
        super(message);
    }
}
