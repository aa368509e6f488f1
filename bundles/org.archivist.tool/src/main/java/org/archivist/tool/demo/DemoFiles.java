package org.archivist.tool.demo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.archivist.api.CommunityId;
import org.archivist.api.content.CommunityDescription;
import org.archivist.api.content.FileLink;
import org.archivist.api.content.PublishHandle;
import org.archivist.host.reference.HostContent;
import org.archivist.proto.CommunityDescription.Builder;

/**
 * The demo's file and description step: the owner sends a file in a chat message (its links on every backend it
 * runs) and publishes two versions of the community description; each member's host fetches the file in the
 * background when the message arrives and gets the newest description by clock; both are checked byte for byte.
 */
final class DemoFiles {
    static final int FILE_BYTES = 4 * 1024 * 1024;
    private final DemoAccount account;
    private final Duration deadline;

    /** A member's content paths and its name in the account. */
    record Member(String name, HostContent content) {
    }

    DemoFiles(DemoAccount account, Duration deadline) {
        this.account = account;
        this.deadline = deadline;
    }

    /** What the owner sent, for {@link #check}. */
    record Sent(CommunityId id, byte[] file, long clock, byte[] description, HostContent.SentFile message) {
    }

    /**
     * The owner sends the file in a chat message and publishes two versions of the description; the members
     * fetch them in the background (while the archives travel) until {@link #check}.
     */
    Sent send(CommunityId id, HostContent owner, Path dir, SecureRandom random) throws Exception {
        byte[] bytes = new byte[FILE_BYTES];
        random.nextBytes(bytes);
        Path file = Files.createDirectories(dir).resolve("photo-of-the-meetup.jpg");
        Files.write(file, bytes);
        long clock = System.currentTimeMillis();
        byte[] v1 = description(clock);
        byte[] v2 = description(clock + 1);

        HostContent.SentFile sent = owner.sendFile(id, file);
        account.say("owner: sends %s (%d bytes) in a chat message; its links, known before the upload ends:",
                sent.filename(), bytes.length);
        for (FileLink l : sent.links()) {
            account.say("        %s", l.encode());
        }
        owner.publishDescription(id, clock, v1);
        owner.publishDescription(id, clock + 1, v2);
        account.say("owner: publishes the community description twice (clock %d, then %d) on %d backend(s), each"
                + " link announced signed with the community key", clock, clock + 1, sent.links().size());
        return new Sent(id, bytes, clock + 1, v2, sent);
    }

    /** Waits for the owner's uploads and each member's copies; returns how many copies matched. */
    int check(Sent sent, List<Member> members) throws Exception {
        long end = System.nanoTime() + deadline.toNanos();
        for (PublishHandle upload : sent.message().uploads()) {
            FileLink stored = upload.result().get(remaining(end), TimeUnit.NANOSECONDS);
            account.say("step 6: owner's file stored on %s", stored.storageType());
        }
        int ok = 0;
        for (Member m : members) {
            ok += checkFile(m, sent.file(), end) ? 1 : 0;
            ok += checkDescription(m, sent.id(), sent.clock(), sent.description(), end) ? 1 : 0;
        }
        return ok;
    }

    private boolean checkFile(Member m, byte[] expected, long end) throws Exception {
        Optional<HostContent.ReceivedFile> received = Optional.empty();
        while (received.isEmpty() && System.nanoTime() < end) {
            received = m.content().receivedFiles().stream().findFirst();
            if (received.isEmpty()) {
                Thread.sleep(20);
            }
        }
        if (received.isEmpty() || received.get().fetch().isEmpty()) {
            account.say("%s: FAILED: no fetchable file message arrived (%s)", m.name(), received);
            return false;
        }
        HostContent.ReceivedFile r = received.get();
        try {
            Path got = r.fetch().get().result().get(remaining(end), TimeUnit.NANOSECONDS);
            boolean same = Arrays.equals(expected, Files.readAllBytes(got));
            account.say("%s: file message received, %s fetched over %s and verified against its link: %d bytes, %s",
                    m.name(), r.filename(), r.link().orElseThrow().storageType(), Files.size(got),
                    same ? "identical to the owner's" : "DIFFERENT from the owner's");
            return same;
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            account.say("%s: FAILED: the file was not fetched: %s", m.name(), e.getCause() == null ? e : e.getCause());
            return false;
        }
    }

    private boolean checkDescription(Member m, CommunityId id, long clock, byte[] expected, long end)
            throws InterruptedException {
        Optional<CommunityDescription> d = m.content().newestDescription(id);
        while ((d.isEmpty() || d.get().clock() < clock) && System.nanoTime() < end) {
            Thread.sleep(20);
            d = m.content().newestDescription(id);
        }
        boolean same = d.isPresent() && d.get().clock() == clock && Arrays.equals(expected, d.get().bytes());
        account.say("%s: newest community description: %s", m.name(), d.map(x -> "clock " + x.clock() + ", "
                + x.bytes().length + " bytes over " + x.link().storageType()
                + (same ? ", identical to the owner's newest" : ", NOT the owner's newest")).orElse("NONE (FAILED)"));
        return same;
    }

    private static long remaining(long end) {
        return Math.max(1, end - System.nanoTime());
    }

    /** status-go's CommunityDescription, as far as the proto here has it. */
    private static byte[] description(long clock) {
        Builder b = org.archivist.proto.CommunityDescription.newBuilder().setClock(clock);
        return b.build().toByteArray();
    }
}
