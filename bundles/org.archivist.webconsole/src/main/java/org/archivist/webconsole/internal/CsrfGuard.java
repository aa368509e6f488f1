package org.archivist.webconsole.internal;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Refuses posts another site's page makes the operator's browser send (browsers replay the console's basic
 * authentication): a post must carry the random token this console put into its own forms, and must not come
 * from another origin.
 */
final class CsrfGuard {
    static final String PARAMETER = "csrf";
    private final String token;

    CsrfGuard(SecureRandom random) {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        this.token = HexFormat.of().formatHex(bytes);
    }

    /** The token the page's forms carry in {@value #PARAMETER}. */
    String token() {
        return token;
    }

    /** Null when the post may go on, otherwise why not. */
    String refusal(String postedToken, String origin, String host) {
        if (!sameOrigin(origin, host)) {
            return "cross-origin post refused";
        }
        if (postedToken == null || !MessageDigest.isEqual(postedToken.getBytes(StandardCharsets.US_ASCII),
                token.getBytes(StandardCharsets.US_ASCII))) {
            return "missing or stale form token: reload the page and try again";
        }
        return null;
    }

    /** Whether a post comes from this host's own pages: no Origin header (not a browser), or the same host. */
    static boolean sameOrigin(String origin, String host) {
        if (origin == null) {
            return true;
        }
        try {
            String authority = URI.create(origin).getRawAuthority();
            return authority != null && host != null && authority.equalsIgnoreCase(host);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
