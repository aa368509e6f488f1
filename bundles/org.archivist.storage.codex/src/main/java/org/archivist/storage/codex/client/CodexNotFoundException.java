package org.archivist.storage.codex.client;

/** The node does not have the CID (404), or nobody in its network could serve it. */
public class CodexNotFoundException extends CodexException {
    private static final long serialVersionUID = 1L;

    public CodexNotFoundException(String message, int status) {
        super(message, status, false, null);
    }
}
