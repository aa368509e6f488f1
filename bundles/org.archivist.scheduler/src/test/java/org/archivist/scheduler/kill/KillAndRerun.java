package org.archivist.scheduler.kill;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

/**
 * Kills a flow's child process at chosen points and checks that a rerun on the same directory ends as an
 * uninterrupted run: each kill gets a fresh directory, the child is stopped at a core crash point (a halt, as
 * kill -9 stops a process: no shutdown hook, no finally block) or with SIGKILL after a random delay, then the
 * same command runs again to its end and {@link Check} compares the directory with the clean run's.
 *
 * <p>Crash points are probed 1, 2, 4, 8, ... until a run passes them all (that run is compared as well), then
 * spread evenly over the points seen, so that the kills cover the whole run whatever its number of points.
 */
final class KillAndRerun {
    /** Starts the flow's child on {@code dir}, halting at crash point {@code crashAt} (0: never). */
    interface Flow {
        ChildProcess start(Path dir, int crashAt, String label) throws Exception;
    }

    /** Compares the directory of a finished rerun with the clean run's. */
    interface Check {
        void verify(Path dir, List<String> output, String label) throws Exception;
    }

    private final Path tmp;
    private final Flow flow;
    private final Check check;
    private final List<String> kills = new ArrayList<>();

    KillAndRerun(Path tmp, Flow flow, Check check) {
        this.tmp = tmp;
        this.flow = flow;
        this.check = check;
    }

    /** The kills made so far, one line each (for the failure messages and the test's report). */
    List<String> kills() {
        return List.copyOf(kills);
    }

    /** Kills at {@code count} crash points (or fewer if the run has fewer); the highest point that halted. */
    int atCrashPoints(int count) throws Exception {
        TreeSet<Integer> halted = new TreeSet<>();
        int top = Integer.MAX_VALUE;
        for (int point = 1; halted.size() < count; point *= 2) {
            if (!crashAt(point)) {
                top = point;
                break;
            }
            halted.add(point);
        }
        int wanted = count - halted.size();
        for (int k = 1; k <= wanted && top != Integer.MAX_VALUE; k++) {
            int point = (int) ((long) top * k / (wanted + 1));
            if (point >= 1 && point < top && !halted.contains(point)) {
                if (crashAt(point)) {
                    halted.add(point);
                } else {
                    top = point;
                }
            }
        }
        for (int point = 1; halted.size() < count && point < top; point++) {
            if (!halted.contains(point)) {
                if (crashAt(point)) {
                    halted.add(point);
                } else {
                    top = point;
                }
            }
        }
        return halted.isEmpty() ? 0 : halted.last();
    }

    /** One kill at crash point {@code point} and the rerun; false if the child passed every point and ended. */
    private boolean crashAt(int point) throws Exception {
        String label = "crash point " + point;
        Path dir = tmp.resolve("crash-" + point);
        List<String> output;
        boolean halted;
        try (ChildProcess child = flow.start(dir, point, label)) {
            int status = child.finish(360);
            halted = status == ChildProcess.KILLED;
            if (!halted) {
                assertEquals(0, status, label + ": the child neither halted nor ended well; " + child.describe());
            }
            output = child.lines();
        }
        if (halted) {
            kills.add(label);
            output = rerun(dir, label);
        }
        check.verify(dir, output, label);
        return halted;
    }

    /**
     * Kills runs with SIGKILL, each after a random delay below {@code maxDelayMs} from the moment {@link Flow#start}
     * returned, until {@code count} kills landed before the run ended (at most {@code 3 * count} runs; a run that
     * ended first is rerun and compared all the same). Returns the kills that landed.
     */
    int withSigkill(int count, long maxDelayMs, long seed) throws Exception {
        Random random = new Random(seed);
        int killed = 0;
        for (int i = 0; killed < count && i < 3 * count; i++) {
            long delay = (long) (random.nextDouble() * maxDelayMs);
            String label = "SIGKILL " + i + " after " + delay + " ms";
            Path dir = tmp.resolve("sigkill-" + i);
            try (ChildProcess child = flow.start(dir, 0, label)) {
                if (child.killAfter(delay)) {
                    killed++;
                    kills.add(label);
                } else {
                    assertEquals(0, child.finish(10), label + ": ended before the kill, badly; " + child.describe());
                }
            }
            check.verify(dir, rerun(dir, label), label);
        }
        return killed;
    }

    private List<String> rerun(Path dir, String label) throws Exception {
        try (ChildProcess again = flow.start(dir, 0, "rerun after " + label)) {
            assertEquals(0, again.finish(360), "the rerun after " + label + "; " + again.describe());
            return again.lines();
        }
    }
}
