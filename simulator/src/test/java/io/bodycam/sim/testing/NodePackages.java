package io.bodycam.sim.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Node.js servers that tests run (aedes, {@code @tus/server}): finds node and npm, installs pinned npm
 * packages into a folder under {@code target/} on first use, and copies the server's script beside
 * them. Everything answers why it cannot, so a test skips with the reason.
 */
final class NodePackages {

    private static final List<String> NODE = List.of("/usr/bin/node", "/usr/local/bin/node");
    private static final List<String> NPM = List.of("/usr/bin/npm", "/usr/local/bin/npm");

    private NodePackages() {
    }

    static Optional<Path> node() {
        return find(NODE);
    }

    /**
     * Makes {@code home} hold {@code packages} (name to pinned version) and the script resource
     * {@code script} (beside {@code owner} in the test jar) as {@code target}; empty when done, else why not.
     */
    static Optional<String> install(Path home, Map<String, String> packages, Class<?> owner, String script,
                                    String target) {
        if (node().isEmpty()) {
            return Optional.of("node is not installed (apt-get install -y nodejs npm)");
        }
        String what = String.join(" ", packages.keySet());
        try {
            Files.createDirectories(home);
            try (InputStream in = owner.getResourceAsStream(script)) {
                if (in == null) {
                    return Optional.of(script + " is missing beside " + owner.getName());
                }
                Files.copy(in, home.resolve(target), StandardCopyOption.REPLACE_EXISTING);
            }
            if (installed(home, packages)) {
                return Optional.empty();
            }
            Optional<Path> npm = find(NPM);
            if (npm.isEmpty()) {
                return Optional.of("npm is not installed (apt-get install -y npm), so " + what + " cannot be installed");
            }
            Path log = home.resolve("npm-install.log");
            List<String> command = new ArrayList<>(List.of(npm.get().toString(), "install", "--prefix", home.toString(),
                    "--no-audit", "--no-fund", "--no-save"));
            packages.forEach((name, version) -> command.add(name + "@" + version));
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(180, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Optional.of("npm install " + what + " took over 3 minutes; see " + log);
            }
            if (p.exitValue() != 0 || !installed(home, packages)) {
                return Optional.of("npm install " + what + " failed (" + p.exitValue() + "); see " + log);
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("cannot install " + what + " into " + home + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted while installing " + what);
        }
    }

    private static boolean installed(Path home, Map<String, String> packages) throws IOException {
        for (Map.Entry<String, String> p : packages.entrySet()) {
            Path json = home.resolve("node_modules").resolve(p.getKey()).resolve("package.json");
            if (!Files.exists(json) || !Files.readString(json).contains("\"version\": \"" + p.getValue() + "\"")) {
                return false;
            }
        }
        return true;
    }

    private static Optional<Path> find(List<String> candidates) {
        return candidates.stream().map(Path::of).filter(Files::isExecutable).findFirst();
    }
}
