package org.archivist.commands.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.FileCompleter;
import org.archivist.api.CommunityId;
import org.archivist.api.content.DescriptionService;
import org.archivist.api.content.FileLink;

/**
 * {@code description:publish <community> <file>}: a control node publishes a version of the community
 * description (the file's bytes, a serialized CommunityDescription) with a clock; the link is announced signed with
 * the community key, and members fetch it when it is newer than theirs ({@code description:show}).
 */
@Service
@Command(scope = "description", name = "publish", description = "Control node: publishes a community description"
        + " (the file's bytes) with a clock, announces its link signed with the community key; members fetch the"
        + " newest by clock")
public class DescriptionPublishCommand implements Action {
    @Reference
    private DescriptionService descriptions;

    @Argument(index = 0, name = "community", required = true, description = "The community id (0x + 66 hex digits)")
    private String community;

    @Argument(index = 1, name = "path", required = true, description = "The description's bytes")
    @Completion(FileCompleter.class)
    private String path;

    @Option(name = "--clock", description = "The description's clock (newest wins); default: now in milliseconds")
    private long clock = -1;

    @Override
    public Object execute() throws Exception {
        CommunityId id = Communities.parse(community);
        Path file = Path.of(path).toAbsolutePath();
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no such file: " + file);
        }
        byte[] bytes = Files.readAllBytes(file);
        long at = clock < 0 ? System.currentTimeMillis() : clock;
        FileLink link = descriptions.publish(id, at, bytes);
        System.out.println("Community : " + id);
        System.out.println("Clock     : " + at);
        System.out.println("Size      : " + bytes.length + " bytes");
        System.out.println("SHA-256   : " + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(bytes)));
        System.out.println("Link      : " + link.encode());
        return null;
    }
}
