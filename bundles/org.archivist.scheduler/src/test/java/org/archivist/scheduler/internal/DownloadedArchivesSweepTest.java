package org.archivist.scheduler.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.archivist.api.CommunityId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a crash leaves among a member's downloaded archives is removed on restart; what waits for import stays. */
class DownloadedArchivesSweepTest {
    private static final CommunityId COMMUNITY = CommunityId.of("0x03" + "cd".repeat(32));

    @TempDir
    Path dir;

    @Test
    void temporaryFilesAndArchivesNotWaitingForImportAreRemovedTheWaitingOnesKept() throws Exception {
        Path downloaded = Files.createDirectories(dir.resolve(COMMUNITY.hex()).resolve("downloaded"));
        for (String name : List.of(".0xaaaa1234.tmp", ".0xbbbb.entry5678.tmp", "0xaaaa", "0xbbbb", "0xbbbb.entry",
                "0xcccc", "0xcccc.entry")) {
            Files.write(downloaded.resolve(name), new byte[] {1});
        }
        DownloadedArchives archives = new DownloadedArchives(dir);

        List<String> removed = archives.sweep(COMMUNITY, Set.of("0xbbbb"));

        assertEquals(new TreeSet<>(List.of(".0xaaaa1234.tmp", ".0xbbbb.entry5678.tmp", "0xaaaa", "0xcccc",
                "0xcccc.entry")), new TreeSet<>(removed), "an interrupted write, a blob written before its download"
                + " was recorded, an imported archive whose files were not deleted yet");
        try (Stream<Path> left = Files.list(downloaded)) {
            assertEquals(Set.of("0xbbbb", "0xbbbb.entry"),
                    left.map(p -> p.getFileName().toString()).collect(Collectors.toSet()), "the waiting archive");
        }
        assertEquals(List.of(), archives.sweep(COMMUNITY, Set.of("0xbbbb")), "a second sweep finds nothing");

        Path indexes = Files.createDirectories(dir.resolve(COMMUNITY.hex()).resolve("indexes"));
        Files.write(indexes.resolve("INDEX_CID"), new byte[] {2});
        Files.write(indexes.resolve(".INDEX_CID4242.tmp"), new byte[] {3});
        assertEquals(List.of("indexes/.INDEX_CID4242.tmp"), archives.sweep(COMMUNITY, Set.of("0xbbbb")),
                "an interrupted write of a kept index");
        assertTrue(Files.exists(indexes.resolve("INDEX_CID")), "the kept index itself stays");
        assertEquals(List.of(), archives.sweep(CommunityId.of("0x02" + "ab".repeat(32)), Set.of()),
                "a community with no directory");
    }
}
