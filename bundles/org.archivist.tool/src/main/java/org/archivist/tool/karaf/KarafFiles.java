package org.archivist.tool.karaf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.archivist.api.CommunityId;
import org.archivist.tool.demo.DemoAccount;

/**
 * The Karaf demo's file and description step, through the instances' shells only: the owner publishes a 4 MiB
 * file on each backend ({@code file:publish}) and two versions of the community description
 * ({@code description:publish}); each member fetches the file by the link of its backend ({@code file:fetch}),
 * which the demo compares byte for byte with the owner's, and gets the newest description by clock over the
 * announcement channel ({@code description:show}: its clock and SHA-256 against the owner's newest).
 */
final class KarafFiles {
    static final int FILE_BYTES = 4 * 1024 * 1024;
    static final String BLOBS_PID = "org.archivist.storage.bittorrent.blobs";
    private static final Pattern LINK = Pattern.compile("(?m)^Link\\s*:\\s*(archivist-file:\\S+)\\s*$");
    private static final Pattern FETCHED = Pattern.compile("(?m)^Fetched: (.+) \\((\\d+) bytes, verified\\)\\s*$");

    private final DemoAccount account;
    private final Duration deadline;

    KarafFiles(DemoAccount account, Duration deadline) {
        this.account = account;
        this.deadline = deadline;
    }

    /**
     * The file service's BitTorrent blob store of a node (it needs a configuration of its own): its engine on a
     * port of its own, on loopback, its links naming 127.0.0.1 as the peer, no DHT. Written before the start.
     */
    static void configure(KarafNode node) throws IOException {
        node.config(BLOBS_PID, Map.of("listenPort", String.valueOf(KarafNode.freePort()), "bindAddress", "127.0.0.1",
                "advertiseHost", "127.0.0.1", "dht", "false"));
    }

    /** The file's link on a backend, published by the owner and stored before this returns. */
    String publish(KarafNode owner, CommunityId id, Path file, String backend) throws Exception {
        String out = owner.client("file:publish --community " + id.hex() + " --backend " + backend + " --wait "
                + file);
        Matcher m = LINK.matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("owner: file:publish on " + backend + " printed no link: " + out.trim());
        }
        account.say("        owner: %s (%d bytes) stored on %s, link %s", file.getFileName(), Files.size(file), backend,
                abbreviate(m.group(1)));
        return m.group(1);
    }

    /** The member fetches the file by its link (verified against it); true if its copy equals {@code expected}. */
    boolean fetch(KarafNode member, String link, byte[] expected) throws Exception {
        String out;
        try {
            // single quotes: the shell splits on ';' and, inside double quotes, refuses a magnet's '?...&...'
            out = member.client("file:fetch --wait --timeout " + deadline.toSeconds() + " '" + link + "'");
        } catch (IOException e) {
            account.say("        %s: FAILED: the file was not fetched: %s", member.name, e.getMessage());
            return false;
        }
        Matcher m = FETCHED.matcher(out);
        if (!m.find()) {
            account.say("        %s: FAILED: file:fetch printed no file: %s", member.name, out.trim());
            return false;
        }
        Path got = Path.of(m.group(1).trim());
        boolean same = Arrays.equals(expected, Files.readAllBytes(got));
        account.say("        %s: file fetched and verified against its link: %s, %d bytes, %s", member.name, got,
                Files.size(got), same ? "identical to the owner's byte for byte" : "DIFFERENT from the owner's");
        return same;
    }

    /** The owner publishes two versions of the description; returns the newest's clock and bytes. */
    Description publishDescriptions(KarafNode owner, CommunityId id, Path dir) throws Exception {
        long clock = System.currentTimeMillis();
        Description newest = null;
        for (long c : new long[] {clock, clock + 1}) {
            byte[] bytes = org.archivist.proto.CommunityDescription.newBuilder().setClock(c).build().toByteArray();
            Path file = dir.resolve("description-" + c + ".pb");
            Files.write(file, bytes);
            // the host learns the community's key through Configuration Admin: publish answers once it knows it
            String out = retry(owner, "description:publish --clock " + c + " " + id.hex() + " " + file);
            newest = new Description(c, bytes);
            account.say("        owner: description clock %d (%d bytes) published, link %s", c, bytes.length,
                    field(out, "Link").map(KarafFiles::abbreviate).orElse("?"));
        }
        return newest;
    }

    /** Whether the member's newest description is the owner's newest: its clock and SHA-256 (all its bytes). */
    boolean hasDescription(KarafNode member, CommunityId id, Description newest) throws Exception {
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(newest.bytes()));
        long end = System.nanoTime() + deadline.toNanos();
        String shown = "";
        while (System.nanoTime() < end) {
            try {
                shown = member.client("description:show " + id.hex());
            } catch (IOException notYet) {
                shown = notYet.getMessage();
            }
            if (field(shown, "Clock").equals(Optional.of(String.valueOf(newest.clock())))
                    && field(shown, "SHA-256").equals(Optional.of(sha))) {
                account.say("        %s: newest community description: clock %d, %d bytes over %s, SHA-256 equal to"
                        + " the owner's newest", member.name, newest.clock(), newest.bytes().length,
                        field(shown, "Link").map(KarafFiles::abbreviate).orElse("?"));
                return true;
            }
            Thread.sleep(500);
        }
        account.say("        %s: FAILED: not the owner's newest description (clock %d): %s", member.name,
                newest.clock(), shown.replaceAll("\\s+", " ").trim());
        return false;
    }

    /** A published description version. */
    record Description(long clock, byte[] bytes) {
    }

    /** A 4 MiB file of random bytes in {@code dir}. */
    static Path randomFile(Path dir, SecureRandom random) throws IOException {
        byte[] bytes = new byte[FILE_BYTES];
        random.nextBytes(bytes);
        return Files.write(dir.resolve("photo-of-the-meetup.jpg"), bytes);
    }

    private String retry(KarafNode node, String command) throws Exception {
        long end = System.nanoTime() + deadline.toNanos();
        while (true) {
            try {
                return node.client(command);
            } catch (IOException e) {
                if (System.nanoTime() > end) {
                    throw e;
                }
                Thread.sleep(1000);
            }
        }
    }

    private static Optional<String> field(String shown, String name) {
        return shown.lines().filter(l -> l.startsWith(name)).map(l -> l.substring(l.indexOf(':') + 1).trim())
                .findFirst();
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }
}
