package org.archivist.webconsole.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The outcomes of the last actions, each under a random token the redirect after the post carries: the page
 * shows only sentences this plugin wrote, never text a crafted link puts in the query.
 */
final class Outcomes {
    private static final int KEPT = 32;
    private final Map<String, String> byToken = new LinkedHashMap<>() {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > KEPT;
        }
    };

    synchronized String put(String outcome) {
        String token = UUID.randomUUID().toString();
        byToken.put(token, outcome);
        return token;
    }

    synchronized Optional<String> get(String token) {
        return token == null ? Optional.empty() : Optional.ofNullable(byToken.get(token));
    }
}
