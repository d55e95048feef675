package io.bodycam.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every main package of every module says what it is for: a {@code package-info.java} whose javadoc
 * opens with a sentence of purpose. Reads the sources of each module the root POM lists, so a new
 * module or package is covered without touching this test.
 */
class PackageInfoTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");
    private static final Pattern JAVADOC = Pattern.compile("(?s)/\\*\\*(.*?)\\*/");
    private static final Pattern PACKAGE = Pattern.compile("(?m)^package\\s+([\\w.]+)\\s*;");

    @Test
    void every_main_package_has_a_package_info_with_a_purpose_line() {
        List<String> problems = new ArrayList<>();
        int packages = 0;
        for (String module : modules()) {
            Path sources = ROOT.resolve(module).resolve("src/main/java");
            for (Path dir : packageFolders(sources)) {
                packages++;
                String name = sources.relativize(dir).toString().replace('/', '.');
                problem(dir.resolve("package-info.java"), name)
                        .ifPresent(why -> problems.add(module + ": " + name + " " + why));
            }
        }
        assertTrue(packages > 30, "found only " + packages + " main packages under " + ROOT + ": the scan is broken");
        assertTrue(problems.isEmpty(), problems.size() + " of " + packages + " main packages do not say what they "
                + "are for:\n  " + String.join("\n  ", problems));
    }

    @Test
    void the_root_pom_lists_the_modules_this_test_reads() {
        List<String> modules = modules();
        assertFalse(modules.isEmpty(), "no <module> in " + ROOT.resolve("pom.xml"));
        assertTrue(modules.containsAll(List.of("simulator", "record", "reports", "backend", "bench", "cli")),
                "modules read: " + modules);
    }

    /** Empty when {@code info} declares {@code name} after a javadoc whose first line has words; else what is wrong. */
    private static Optional<String> problem(Path info, String name) {
        if (!Files.isRegularFile(info)) {
            return Optional.of("has no package-info.java");
        }
        String text = read(info);
        Matcher doc = JAVADOC.matcher(text);
        Matcher pkg = PACKAGE.matcher(text);
        if (!pkg.find() || !pkg.group(1).equals(name)) {
            return Optional.of("has a package-info.java that does not declare package " + name);
        }
        if (!doc.find() || doc.start() > pkg.start()) {
            return Optional.of("has a package-info.java without a javadoc comment");
        }
        String first = doc.group(1).lines()
                .map(l -> l.strip().replaceFirst("^\\*\\s?", "").strip())
                .filter(l -> !l.isEmpty())
                .findFirst().orElse("");
        return first.split("\\s+").length < 4
                ? Optional.of("has a package-info.java whose javadoc says nothing: '" + first + "'")
                : Optional.empty();
    }

    /** The modules of the root POM, in its order. */
    private static List<String> modules() {
        List<String> modules = new ArrayList<>();
        Matcher m = MODULE.matcher(read(ROOT.resolve("pom.xml")));
        while (m.find()) {
            modules.add(m.group(1).strip());
        }
        return modules;
    }

    /** The folders under {@code sources} that hold at least one Java type besides package-info. */
    private static List<Path> packageFolders(Path sources) {
        if (!Files.isDirectory(sources)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(sources)) {
            return List.copyOf(files
                    .filter(f -> f.toString().endsWith(".java") && !f.getFileName().toString().equals("package-info.java"))
                    .map(Path::getParent)
                    .collect(Collectors.toCollection(TreeSet::new)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
