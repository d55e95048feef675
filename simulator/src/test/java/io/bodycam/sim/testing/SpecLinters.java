package io.bodycam.sim.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The AsyncAPI initiative's parser ({@code @asyncapi/parser}) and Redocly's OpenAPI linter
 * ({@code @redocly/openapi-core}) from npm, pinned, installed on first use into {@code target/spec-lint},
 * and run by {@code spec-lint.mjs} beside this class: what a vendor's tooling would say of the contract's specs.
 */
public final class SpecLinters {

    public static final String ASYNCAPI_PARSER = "3.6.6";
    public static final String REDOCLY_CORE = "2.64.0";

    /** What the linters said, and whether they found an error. */
    public record Verdict(boolean ok, String output) {
    }

    private static final Path HOME = Path.of("target", "spec-lint");
    private static Optional<String> unavailable;

    private SpecLinters() {
    }

    /** Why the linters cannot run here, if they cannot (node or npm missing, the install failed). */
    public static synchronized Optional<String> unavailable() {
        if (unavailable == null) {
            unavailable = NodePackages.install(HOME, Map.of("@asyncapi/parser", ASYNCAPI_PARSER, "@redocly/openapi-core", REDOCLY_CORE),
                    SpecLinters.class, "spec-lint.mjs", "spec-lint.mjs");
        }
        return unavailable;
    }

    /** Lints both specs; waits at most a minute. */
    public static Verdict lint(Path asyncapi, Path openapi) throws IOException, InterruptedException {
        Path log = HOME.resolve("spec-lint.log");
        Process p = new ProcessBuilder(List.of(NodePackages.node().orElseThrow().toString(), "spec-lint.mjs",
                asyncapi.toAbsolutePath().toString(), openapi.toAbsolutePath().toString()))
                .directory(HOME.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new Verdict(false, "the linters took over a minute; see " + log);
        }
        return new Verdict(p.exitValue() == 0, Files.readString(log, StandardCharsets.UTF_8));
    }
}
