package org.archivist.core.state;

import java.util.Optional;

/**
 * One kind of link of a community: the clock of the last announcement sent (owner) or accepted (member),
 * status-go's {@code magnetlink_clock}, and the last link whose archives were all downloaded, status-go's
 * {@code last_magnetlink_uri}.
 */
public record LinkState(long clock, Optional<String> lastLink) {
    public static final LinkState NONE = new LinkState(0, Optional.empty());

    public LinkState {
        lastLink = lastLink == null ? Optional.empty() : lastLink.filter(l -> !l.isEmpty());
        if (clock < 0) {
            throw new IllegalArgumentException("negative clock " + clock);
        }
    }

    public LinkState withClock(long newClock) {
        return new LinkState(newClock, lastLink);
    }

    public LinkState withLastLink(String link) {
        return new LinkState(clock, Optional.of(link));
    }
}
