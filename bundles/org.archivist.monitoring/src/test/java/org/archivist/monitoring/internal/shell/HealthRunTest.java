package org.archivist.monitoring.internal.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.apache.felix.hc.api.FormattingResultLog;
import org.apache.felix.hc.api.Result;
import org.junit.jupiter.api.Test;

/** archive:health's runner: results and reasons as the checks give them, a throwing or hanging check is an error. */
class HealthRunTest {

    private static Result result(Result.Status status, String message) {
        FormattingResultLog log = new FormattingResultLog();
        switch (status) {
            case OK -> log.info(message);
            case WARN -> log.warn(message);
            case CRITICAL -> log.critical(message);
            default -> throw new IllegalArgumentException(status.toString());
        }
        log.debug("a debug line stays out");
        return new Result(log);
    }

    @Test
    void eachCheckIsReportedWithItsReasonsAndTheWorstDecides() {
        List<HealthRun.Outcome> outcomes = HealthRun.run(List.of(
                new HealthRun.Named("Archivist scheduler", () -> result(Result.Status.OK, "2 communities configured")),
                new HealthRun.Named("Archivist bittorrent backend",
                        () -> result(Result.Status.CRITICAL, "bittorrent backend is down: port taken"))),
                Duration.ofSeconds(5));
        assertEquals(2, outcomes.size());
        assertEquals("Archivist bittorrent backend", outcomes.get(0).name(), "sorted by name");
        assertEquals(Result.Status.CRITICAL, outcomes.get(0).status());
        assertEquals(List.of("CRITICAL bittorrent backend is down: port taken"), outcomes.get(0).lines());
        assertEquals(Result.Status.CRITICAL, HealthRun.worst(outcomes));
        assertTrue(HealthRun.failing(HealthRun.worst(outcomes)));

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        HealthRun.print(outcomes, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String printed = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("CRITICAL            Archivist bittorrent backend"), printed);
        assertTrue(printed.contains("    OK 2 communities configured"), printed);
        assertFalse(printed.contains("debug line"), printed);
        assertTrue(printed.contains("Overall: CRITICAL (2 checks)"), printed);
    }

    @Test
    void aWarningDoesNotFail() {
        List<HealthRun.Outcome> outcomes = HealthRun.run(List.of(
                new HealthRun.Named("Archivist codex backend", () -> result(Result.Status.WARN, "starting"))),
                Duration.ofSeconds(5));
        assertEquals(Result.Status.WARN, HealthRun.worst(outcomes));
        assertFalse(HealthRun.failing(HealthRun.worst(outcomes)));
    }

    @Test
    void aThrowingCheckAndAHangingCheckAreErrorsWithTheReason() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        long t0 = System.nanoTime();
        List<HealthRun.Outcome> outcomes = HealthRun.run(List.of(
                new HealthRun.Named("a", () -> {
                    throw new NoClassDefFoundError("bt/protocol/handler/PortMessageHandler");
                }),
                new HealthRun.Named("b", () -> {
                    try {
                        never.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return result(Result.Status.OK, "never");
                })), Duration.ofSeconds(1));
        assertTrue((System.nanoTime() - t0) < Duration.ofSeconds(10).toNanos(), "the timeout holds");
        assertEquals(Result.Status.HEALTH_CHECK_ERROR, outcomes.get(0).status());
        assertTrue(outcomes.get(0).lines().get(0).contains("PortMessageHandler"), outcomes.get(0).lines().toString());
        assertEquals(Result.Status.HEALTH_CHECK_ERROR, outcomes.get(1).status());
        assertTrue(outcomes.get(1).lines().get(0).contains("within 1 s"), outcomes.get(1).lines().toString());
        assertTrue(HealthRun.failing(HealthRun.worst(outcomes)));
    }

    @Test
    void tagsAreReadFromAnyPropertyShape() {
        assertEquals(List.of("archivist"), HealthCommand.tags("archivist"));
        assertEquals(List.of("archivist", "archivist-backend"), HealthCommand.tags(new String[] {"archivist",
            "archivist-backend"}));
        assertEquals(List.of("x"), HealthCommand.tags(List.of("x")));
        assertEquals(List.of(), HealthCommand.tags(null));
    }
}
