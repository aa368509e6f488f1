package org.archivist.commands.internal;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.archivist.api.CommunityId;
import org.archivist.api.content.CommunityDescription;
import org.archivist.api.content.DescriptionService;

/** {@code description:show <community>}: the newest verified community description this node holds. */
@Service
@Command(scope = "description", name = "show", description = "Shows the newest community description this node"
        + " holds (published here or fetched and verified): clock, size, SHA-256, the link it travelled as")
public class DescriptionShowCommand implements Action {
    static final int SHOWN_BYTES = 64;

    @Reference
    private DescriptionService descriptions;

    @Argument(index = 0, name = "community", required = true, description = "The community id (0x + 66 hex digits)")
    private String community;

    @Override
    public Object execute() throws Exception {
        CommunityId id = Communities.parse(community);
        Optional<CommunityDescription> d = descriptions.latest(id);
        if (d.isEmpty()) {
            System.out.println("No description of " + id + " is known here yet");
            return null;
        }
        CommunityDescription c = d.get();
        byte[] bytes = c.bytes();
        System.out.println("Community : " + c.community());
        System.out.println("Clock     : " + c.clock());
        System.out.println("Size      : " + bytes.length + " bytes");
        System.out.println("SHA-256   : " + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(bytes)));
        System.out.println("Link      : " + c.link().encode());
        System.out.println("Bytes     : " + HexFormat.of().formatHex(bytes, 0, Math.min(bytes.length, SHOWN_BYTES))
                + (bytes.length > SHOWN_BYTES ? "..." : ""));
        return null;
    }
}
