package org.archivist.storage.codex.client;

/** The node's line has no such call (e.g. download ids or {@code advertise} on an {@code /api/codex/v1} node). */
public class CodexUnsupportedException extends CodexException {
    private static final long serialVersionUID = 1L;

    public CodexUnsupportedException(String message) {
        super(message, -1, false, null);
    }
}
