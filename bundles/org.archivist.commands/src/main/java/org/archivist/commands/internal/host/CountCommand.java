package org.archivist.commands.internal.host;

import java.util.Set;
import java.util.stream.Stream;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.archivist.api.ArchivedMessage;
import org.archivist.api.CommunityId;
import org.archivist.api.ContentTopic;
import org.archivist.api.TimeRange;
import org.archivist.api.host.Community;
import org.archivist.api.host.CommunityDirectory;
import org.archivist.api.host.MessageStore;

/**
 * {@code host:count <community>}: how many messages the host's store holds for the community's topics, with
 * an order-independent fingerprint (the sum of their hashes) to compare nodes by.
 */
@Service
@Command(scope = "host", name = "count", description = "Counts a community's messages in the host's store (on the"
        + " community's topics) and prints the sum of their hashes, the same on nodes holding the same messages")
public class CountCommand implements Action {
    static final TimeRange ALL_TIME = TimeRange.of(0, Long.MAX_VALUE);

    @Reference
    private MessageStore store;

    @Reference
    private CommunityDirectory directory;

    @Argument(index = 0, name = "community", required = true, description = "The community id (0x + 66 hex digits)")
    private String community;

    @Override
    public Object execute() {
        CommunityId id = CommunityId.of(community.trim());
        Community c = directory.community(id).orElseThrow(() -> new IllegalArgumentException(
                "the host does not know community " + id + " (no org.archivist.host.reference.community configuration)"));
        HashSum sum = count(store, id, new java.util.LinkedHashSet<>(c.topics()));
        System.out.println("messages: " + sum.count());
        System.out.println("hash sum: " + sum.hex());
        return null;
    }

    static HashSum count(MessageStore store, CommunityId id, Set<ContentTopic> topics) {
        HashSum sum = new HashSum();
        try (Stream<ArchivedMessage> messages = store.messages(id, topics, ALL_TIME)) {
            messages.forEach(sum::add);
        }
        return sum;
    }
}
