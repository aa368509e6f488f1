package org.archivist.tool.codex;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.archivist.codex.emulator.CodexEmulator;
import org.archivist.codex.emulator.EmulatorConfig;
import org.archivist.tool.Command;
import org.archivist.tool.UsageException;

/** {@code archivist codex-emulator}: runs an emulated Codex node until interrupted. */
public final class CodexEmulatorCommand implements Command {

    @Override
    public String name() {
        return "codex-emulator";
    }

    @Override
    public String usage() {
        return "codex-emulator --port N [--data-dir D] [--peer URL ...] [--prefix /api/storage/v1] [--quota BYTES]"
                + " [--block-ttl-hours H] [--max-threads N]   run a Codex REST API emulator (faults: POST /admin/faults?...)";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        EmulatorConfig.Builder config = EmulatorConfig.builder();
        boolean port = false;
        for (int i = 0; i < args.size(); i++) {
            String flag = args.get(i);
            if (i + 1 >= args.size()) {
                throw new UsageException(flag + " needs a value");
            }
            String value = args.get(++i);
            try {
                switch (flag) {
                    case "--port" -> {
                        config.port(Integer.parseInt(value));
                        port = true;
                    }
                    case "--data-dir" -> config.dataDir(Path.of(value));
                    case "--peer" -> config.peer(URI.create(value));
                    case "--prefix" -> config.apiPrefix(value);
                    case "--quota" -> config.quotaMaxBytes(Long.parseLong(value));
                    case "--block-ttl-hours" -> config.blockTtl(Duration.ofHours(Long.parseLong(value)));
                    case "--bind" -> config.bindAddress(value);
                    case "--max-threads" -> config.maxThreads(Integer.parseInt(value));
                    default -> throw new UsageException("unknown option " + flag);
                }
            } catch (NumberFormatException e) {
                throw new UsageException(flag + " needs a number, not '" + value + "'");
            } catch (IllegalArgumentException e) {
                throw new UsageException(flag + ": " + e.getMessage());
            }
        }
        if (!port) {
            throw new UsageException("--port is required (0 picks a free one)");
        }
        CodexEmulator node = CodexEmulator.start(config.build());
        Thread hook = new Thread(node::close, "codex-emulator-shutdown"); // SIGTERM / Ctrl-C stop the node
        Runtime.getRuntime().addShutdownHook(hook);
        out.println("Codex emulator " + node.peerId() + " listening: " + node.apiUri());
        out.println("data in " + node.dataDir() + "; faults: curl -X POST '" + node.baseUri()
                + "/admin/faults?latencyMs=100&failNext=2&truncateAfterBytes=1000&hang=false&offline=false'");
        out.flush();
        Optional<Throwable> fatal = node.awaitStop();
        if (fatal.isPresent()) {
            err.println("codex-emulator: stopped after a fatal error: " + fatal.get());
            return 1;
        }
        return 0;
    }
}
