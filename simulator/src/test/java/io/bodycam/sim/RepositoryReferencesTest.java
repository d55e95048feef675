package io.bodycam.sim;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The repository's own cross-references hold, so a newcomer can follow every one: each source tag
 * ({@code [S13]}) has its entry in docs/domain.md, each relative Markdown link and each
 * {@code docs/...md#anchor} reference reaches an existing file and anchor, and nothing points at the
 * team's private notes. Scans the whole repository from the module's parent folder.
 */
class RepositoryReferencesTest {

    private static final Path ROOT = repositoryRoot();
    private static final Path DOMAIN = ROOT.resolve("docs/domain.md");

    /** A bracketed group such as {@code [S1, S2]} or {@code [S58, GUESS]} on one line. */
    private static final Pattern BRACKETS = Pattern.compile("\\[([^\\[\\]\\r\\n]{1,200})]");
    /** A source tag: S and a number ({@code S13}, {@code S52b}), or S, a dash and a name ({@code S-Aseko}). */
    private static final Pattern SOURCE_TAG = Pattern.compile("S(?:\\d+[a-z]?|-[A-Z][A-Za-z0-9]*)");
    private static final Set<String> TAGGED_EXTENSIONS = Set.of("java", "md", "yaml", "yml", "sh");

    private static final Pattern FENCE = Pattern.compile("^ {0,3}(```|~~~)");
    private static final Pattern HEADING = Pattern.compile("^ {0,3}#{1,6}\\s+(.*?)(?:\\s+#+)?\\s*$");
    private static final Pattern HTML_ID = Pattern.compile("<[a-zA-Z][^>]*\\s(?:id|name)=\"([^\"]+)\"");
    private static final Pattern INLINE_CODE = Pattern.compile("`[^`\\n]*`");
    private static final Pattern INLINE_LINK =
            Pattern.compile("!?\\[(?:[^\\[\\]]|\\[[^\\[\\]]*])*]\\(\\s*<?([^\\s<>()]+)>?(?:\\s+\"[^\"]*\")?\\s*\\)");
    /** {@code [label]: target "title"} alone on its line (a sentence that starts {@code [GUESS]: the ...} is not one). */
    private static final Pattern REFERENCE_DEFINITION = Pattern.compile(
            "(?m)^ {0,3}\\[[^\\]\\n]+]:[ \\t]*<?([^\\s<>]+)>?(?:[ \\t]+(?:\"[^\"\\n]*\"|'[^'\\n]*'|\\([^)\\n]*\\)))?[ \\t]*$");
    private static final Pattern URL_SCHEME = Pattern.compile("^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|//)");
    /** A plain-text pointer into the docs, as javadoc and comments write it: {@code docs/design.md#virtual-time}. */
    private static final Pattern DOCS_ANCHOR = Pattern.compile("\\bdocs/([\\w./-]+\\.md)#([\\w-]+)");
    private static final Pattern TEAM_NOTES = Pattern.compile("\\b(?:DESIGN|DOMAIN|FACTS)\\.md\\b");

    private final Map<Path, Set<String>> anchorCache = new HashMap<>();

    @Test
    void every_source_tag_used_in_the_repository_has_an_anchor_in_docs_domain_md() {
        Map<String, String> used = sourceTagsUsed();
        assertFalse(used.isEmpty(), "found no source tags at all under " + ROOT + ": the scan is broken");
        Set<String> anchors = anchors(DOMAIN);
        List<String> missing = used.entrySet().stream()
                .filter(e -> !anchors.contains(e.getKey()))
                .map(e -> e.getKey() + " (first used at " + e.getValue() + ")")
                .toList();
        assertTrue(missing.isEmpty(), "source tags without an <a id=\"...\"> entry in docs/domain.md: " + missing);
    }

    @Test
    void every_source_listed_in_docs_domain_md_is_cited_and_links_to_a_public_page() {
        Pattern entry = Pattern.compile("<a id=\"(" + SOURCE_TAG.pattern() + ")\"></a>(.*)");
        Set<String> cited = sourceTagsUsed().keySet();
        List<String> problems = new ArrayList<>();
        int entries = 0;
        for (String line : read(DOMAIN).split("\n")) {
            Matcher m = entry.matcher(line);
            if (m.find()) {
                entries++;
                if (!m.group(2).contains("](http")) {
                    problems.add(m.group(1) + " has no link: " + line.strip());
                }
                if (!cited.contains(m.group(1))) {
                    problems.add(m.group(1) + " is listed but cited nowhere as [" + m.group(1) + "]");
                }
            }
        }
        assertTrue(entries > 0, "docs/domain.md lists no sources as <a id=\"S..\"></a> entries");
        assertTrue(problems.isEmpty(), "docs/domain.md sources: " + problems);
    }

    @Test
    void every_relative_markdown_link_points_at_an_existing_file_and_anchor() {
        List<String> broken = new ArrayList<>();
        int checked = 0;
        for (Path md : files(p -> extension(p).equals("md"))) {
            for (String target : linkTargets(read(md))) {
                if (URL_SCHEME.matcher(target).find()) {
                    continue;
                }
                checked++;
                int hash = target.indexOf('#');
                String path = URLDecoder.decode(hash < 0 ? target : target.substring(0, hash), StandardCharsets.UTF_8);
                String fragment = hash < 0 ? "" : target.substring(hash + 1);
                Path resolved = path.isEmpty() ? md : md.getParent().resolve(path).normalize();
                checkTarget(resolved, fragment).ifPresent(why -> broken.add(ROOT.relativize(md) + ": (" + target + ") " + why));
            }
        }
        assertTrue(checked > 0, "found no relative Markdown links under " + ROOT + ": the scan is broken");
        assertTrue(broken.isEmpty(), "broken Markdown links:\n  " + String.join("\n  ", broken));
    }

    @Test
    void every_docs_anchor_named_in_code_and_comments_exists() {
        List<String> broken = new ArrayList<>();
        int checked = 0;
        for (Path file : files(p -> !isThisTest(p))) {
            String[] lines = read(file).split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                Matcher m = DOCS_ANCHOR.matcher(lines[i]);
                while (m.find()) {
                    checked++;
                    int line = i + 1;
                    checkTarget(ROOT.resolve("docs").resolve(m.group(1)).normalize(), m.group(2))
                            .ifPresent(why -> broken.add(ROOT.relativize(file) + ":" + line + ": " + m.group() + " " + why));
                }
            }
        }
        assertTrue(broken.isEmpty(), "references to missing docs or anchors:\n  " + String.join("\n  ", broken));
    }

    @Test
    void no_file_names_the_team_notes_design_domain_or_facts() {
        List<String> found = new ArrayList<>();
        for (Path file : files(p -> !isThisTest(p))) {
            String[] lines = read(file).split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                if (TEAM_NOTES.matcher(lines[i]).find()) {
                    found.add(ROOT.relativize(file) + ":" + (i + 1) + ": " + lines[i].strip());
                }
            }
        }
        assertTrue(found.isEmpty(), found.size() + " references to notes outside the repository (point them at "
                + "docs/design.md, docs/domain.md or docs/platform.md):\n  " + String.join("\n  ", found));
    }

    // ------------------------------------------------------------------ scanning

    /** Every source tag used in java, md, yaml and sh files, with the first place it occurs. */
    private static Map<String, String> sourceTagsUsed() {
        Map<String, String> used = new TreeMap<>();
        for (Path file : files(p -> TAGGED_EXTENSIONS.contains(extension(p)))) {
            String text = read(file);
            Matcher group = BRACKETS.matcher(text);
            while (group.find()) {
                for (String item : group.group(1).split(",")) {
                    String first = item.strip().split("\\s+")[0];
                    if (SOURCE_TAG.matcher(first).matches()) {
                        used.putIfAbsent(first, ROOT.relativize(file) + ":" + lineOf(text, group.start()));
                    }
                }
            }
        }
        return used;
    }

    /** Empty when {@code target} exists and, for a Markdown file, has {@code fragment} as an anchor; else why not. */
    private Optional<String> checkTarget(Path target, String fragment) {
        if (!target.startsWith(ROOT)) {
            return Optional.of("points outside the repository");
        }
        if (!Files.exists(target)) {
            return Optional.of("no such file: " + ROOT.relativize(target));
        }
        Path page = Files.isDirectory(target) ? target.resolve("README.md") : target;
        if (fragment.isEmpty() || !extension(page).equals("md") || !Files.exists(page)) {
            return Optional.empty();
        }
        Set<String> anchors = anchorCache.computeIfAbsent(page, RepositoryReferencesTest::anchors);
        return anchors.contains(fragment)
                ? Optional.empty()
                : Optional.of("no heading or anchor '" + fragment + "' in " + ROOT.relativize(page));
    }

    /** The link targets of a Markdown text, code blocks and code spans left out. */
    private static List<String> linkTargets(String markdown) {
        String prose = INLINE_CODE.matcher(String.join("\n", proseLines(markdown))).replaceAll("");
        List<String> targets = new ArrayList<>();
        for (Pattern p : List.of(INLINE_LINK, REFERENCE_DEFINITION)) {
            Matcher m = p.matcher(prose);
            while (m.find()) {
                targets.add(m.group(1));
            }
        }
        return targets;
    }

    /** The lines of a Markdown text with those inside fenced code blocks blanked. */
    private static List<String> proseLines(String markdown) {
        List<String> lines = new ArrayList<>();
        String fence = null;
        for (String line : markdown.split("\n", -1)) {
            Matcher m = FENCE.matcher(line);
            if (m.find() && (fence == null || fence.equals(m.group(1)))) {
                fence = fence == null ? m.group(1) : null;
                lines.add("");
            } else {
                lines.add(fence == null ? line : "");
            }
        }
        return lines;
    }

    /** The anchors a Markdown page offers: explicit HTML ids, and GitHub's slugs of its headings. */
    private static Set<String> anchors(Path page) {
        Set<String> anchors = new LinkedHashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        for (String line : proseLines(read(page))) {
            Matcher id = HTML_ID.matcher(line);
            while (id.find()) {
                anchors.add(id.group(1));
            }
            Matcher h = HEADING.matcher(line);
            if (h.matches()) {
                String slug = slug(h.group(1));
                int n = seen.merge(slug, 1, Integer::sum) - 1;
                anchors.add(n == 0 ? slug : slug + "-" + n);
            }
        }
        return anchors;
    }

    /** GitHub's heading anchor: the rendered text lower-cased, punctuation dropped, spaces to dashes. */
    static String slug(String heading) {
        String text = heading.replaceAll("<[^>]+>", "")
                .replaceAll("!?\\[([^\\]]*)]\\([^)]*\\)", "$1")
                .replace("`", "")
                .replace("*", "")
                .strip()
                .toLowerCase(Locale.ROOT);
        StringBuilder b = new StringBuilder();
        text.codePoints().forEach(c -> {
            if (Character.isLetterOrDigit(c) || c == '-' || c == '_') {
                b.appendCodePoint(c);
            } else if (c == ' ') {
                b.append('-');
            }
        });
        return b.toString();
    }

    /** The repository's files, build output, dependencies, run records and tool folders left out. */
    private static List<Path> files(Predicate<Path> filter) {
        List<Path> files = new ArrayList<>();
        try {
            Files.walkFileTree(ROOT, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    String name = dir.getFileName().toString();
                    boolean skip = !dir.equals(ROOT) && (name.equals("target") || name.equals("node_modules")
                            || name.startsWith(".") && !name.equals(".ci") || dir.equals(ROOT.resolve("runs")));
                    return skip ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile() && attrs.size() < 5_000_000 && filter.test(file)) {
                        files.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        files.sort(null);
        return files;
    }

    /** The file as text; a binary file (one with a NUL byte) reads as empty. */
    private static String read(Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            for (byte b : bytes) {
                if (b == 0) {
                    return "";
                }
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    private static String extension(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /** This file names the notes' pattern itself; it is the one file allowed to. */
    private static boolean isThisTest(Path file) {
        return file.getFileName().toString().equals(RepositoryReferencesTest.class.getSimpleName() + ".java");
    }

    /** The nearest folder above the working directory that holds README.md, pom.xml and docs/. */
    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("README.md")) && Files.isRegularFile(dir.resolve("pom.xml"))
                    && Files.isDirectory(dir.resolve("docs"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no repository root (README.md, pom.xml, docs/) above " + Path.of("").toAbsolutePath());
    }
}
