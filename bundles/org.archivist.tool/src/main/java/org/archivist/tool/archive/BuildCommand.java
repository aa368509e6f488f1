package org.archivist.tool.archive;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.archivist.api.ArchivedMessage;
import org.archivist.api.CommunityId;
import org.archivist.api.ContentTopic;
import org.archivist.api.TimeRange;
import org.archivist.api.host.ArchiveCipher;
import org.archivist.api.host.Community;
import org.archivist.api.storage.PublishSession;
import org.archivist.core.directory.ArchiveDirectory;
import org.archivist.core.jsonl.JsonlMessages;
import org.archivist.core.owner.ListMessageStore;
import org.archivist.core.owner.ArchiveRun;
import org.archivist.core.link.MagnetLinkFormat;
import org.archivist.core.owner.ArchiveWriter;
import org.archivist.core.owner.CreatedArchive;
import org.archivist.tool.Command;
import org.archivist.tool.Flags;
import org.archivist.tool.UsageException;

/**
 * {@code archivist build}: archives messages of a JSONL file into {@code <data-dir>/<community>/data} and
 * {@code index} exactly as status-go does (a second run appends), printing one line per new archive.
 */
public final class BuildCommand implements Command {
    private static final Set<String> OPTIONS =
            Set.of("community", "topics", "from", "to", "partition", "messages", "data-dir", "encrypt-key", "wait");
    /** How long {@code --wait} without a number waits for another writer of the directory. */
    private static final long DEFAULT_WAIT_SECONDS = 600;

    @Override
    public String name() {
        return "build";
    }

    @Override
    public String usage() {
        return "build --community <0x+66 hex> --topics <hex4>[,<hex4>...] --from <unix s> --to <unix s>"
                + " [--partition <seconds>] --messages <file.jsonl> --data-dir <dir> [--encrypt-key <hex32>]"
                + " [--wait[=<seconds>]]\n"
                + "         archive the messages into <data-dir>/<community>/{data,index}; prints"
                + " '<archiveId> <from> <to> <messageCount>' per new archive; another build of the same directory is"
                + " refused (or waited for, --wait)";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        Flags flags = Flags.parse(args, OPTIONS, Set.of("wait"));
        if (!flags.positional().isEmpty()) {
            throw new UsageException("unexpected argument '" + flags.positional().get(0) + "'");
        }
        CommunityId id = community(flags.required("community"));
        Set<ContentTopic> topics = topics(flags.required("topics"));
        TimeRange range = range(flags.requiredLong("from"), flags.requiredLong("to"));
        long partition = flags.positiveLong("partition", ArchiveWriter.DEFAULT_PARTITION_SECONDS);
        Path messagesFile = Path.of(flags.required("messages"));
        RegularFiles.requireRegular(messagesFile, "--messages");
        Path dataDir = Path.of(flags.required("data-dir"));
        Optional<ArchiveCipher> cipher = Ciphers.fromFlag(flags.optional("encrypt-key"));
        Duration wait = wait(flags);

        List<ArchivedMessage> messages = JsonlMessages.readAll(messagesFile);
        Community community = new Community(id, List.copyOf(topics), cipher.isPresent(), true, true);
        ArchiveWriter writer = new ArchiveWriter(new ListMessageStore(messages));
        ArchiveRun run;
        try (PublishSession session = ArchiveDirectory.open(dataDir, id, cipher).beginPublish(wait)) {
            run = writer.write(community, range, partition, cipher, MagnetLinkFormat.INSTANCE, session);
        }
        for (CreatedArchive c : run.created()) {
            out.println(c.entry().archiveId() + " " + c.entry().range().from() + " " + c.entry().range().to() + " "
                    + c.messageCount());
        }
        if (run.dropped() > 0) {
            err.println("archivist build: " + run.dropped() + " message(s) over the 30000000-byte limit were left out");
        }
        return 0;
    }

    private static Duration wait(Flags flags) throws UsageException {
        if (!flags.has("wait")) {
            return Duration.ZERO;
        }
        String v = flags.optional("wait").orElseThrow();
        long seconds = v.equals("true") ? DEFAULT_WAIT_SECONDS : flags.positiveLong("wait", DEFAULT_WAIT_SECONDS);
        if (seconds <= 0) {
            throw new UsageException("--wait must be a positive number of seconds, got '" + v + "'");
        }
        return Duration.ofSeconds(seconds);
    }

    static CommunityId community(String hex) throws UsageException {
        try {
            return CommunityId.of(hex);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static Set<ContentTopic> topics(String list) throws UsageException {
        Set<ContentTopic> topics = new LinkedHashSet<>();
        for (String t : list.split(",", -1)) {
            if (t.isBlank()) {
                throw new UsageException("--topics: an empty topic in '" + list + "'");
            }
            try {
                if (!topics.add(ContentTopic.of(t.trim()))) {
                    throw new UsageException("--topics: " + t.trim() + " is given twice");
                }
            } catch (IllegalArgumentException e) {
                throw new UsageException("--topics: " + e.getMessage());
            }
        }
        return topics;
    }

    private static TimeRange range(long from, long to) throws UsageException {
        try {
            return TimeRange.of(from, to);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--from/--to: " + e.getMessage());
        }
    }
}
