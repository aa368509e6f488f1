package org.archivist.tool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Whatever a command throws, Error included, ends with one line on stderr and a non-zero exit. */
class MainErrorsTest {
    @Test
    void anOutOfMemoryErrorIsOneLineAndExitOne() {
        String err = runThrowing(new OutOfMemoryError("Java heap space"), 1);
        assertTrue(err.startsWith("archivist boom: out of memory (Java heap space)"), err);
    }

    @Test
    void anyOtherThrowableIsOneLineToo() {
        String err = runThrowing(new StackOverflowError(), 1);
        assertEquals("archivist boom: internal error: StackOverflowError", err);
        err = runThrowing(new IllegalStateException("two\nlines"), 1);
        assertEquals("archivist boom: two lines", err);
    }

    private static String runThrowing(Throwable t, int expected) {
        Command boom = new Command() {
            @Override
            public String name() {
                return "boom";
            }

            @Override
            public String usage() {
                return "boom";
            }

            @Override
            public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
                if (t instanceof Exception e) {
                    throw e;
                }
                throw (Error) t;
            }
        };
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int rc = Main.run(new String[] {"boom"}, List.of(boom),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(e, true, StandardCharsets.UTF_8));
        assertEquals(expected, rc);
        String text = e.toString(StandardCharsets.UTF_8);
        assertEquals(1, text.lines().count(), text);
        return text.strip();
    }
}
