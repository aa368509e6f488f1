package org.archivist.webconsole.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Values the plugin wrote (the outcome of an action, a migration waiting for confirmation), each under a random
 * token a redirect carries: the page shows only what this plugin wrote, never text a crafted link puts in the
 * query. The last {@value #KEPT} are kept.
 */
final class Tokens<T> {
    private static final int KEPT = 32;
    private final Map<String, T> byToken = new LinkedHashMap<>() {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, T> eldest) {
            return size() > KEPT;
        }
    };

    synchronized String put(T value) {
        String token = UUID.randomUUID().toString();
        byToken.put(token, value);
        return token;
    }

    synchronized Optional<T> get(String token) {
        return token == null ? Optional.empty() : Optional.ofNullable(byToken.get(token));
    }

    /** The value, removed: a confirmation is used once. */
    synchronized Optional<T> take(String token) {
        return token == null ? Optional.empty() : Optional.ofNullable(byToken.remove(token));
    }
}
