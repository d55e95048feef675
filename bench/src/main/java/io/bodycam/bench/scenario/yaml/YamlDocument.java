package io.bodycam.bench.scenario.yaml;

import io.bodycam.bench.scenario.units.DataSizes;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads a scenario file into a {@link YamlMap} whose every value knows its file, line and column.
 *
 * <p>Uses SnakeYAML's compose step only (a node tree, nothing constructed, no classes
 * instantiated), with aliases and nesting bounded. Anything that is not a readable UTF-8 YAML
 * mapping of at most {@link #MAX_BYTES} becomes a {@link ScenarioException} that points at the
 * spot, never a parser stack trace.
 */
public final class YamlDocument {

    /** The largest scenario file accepted: 1 MiB. */
    public static final int MAX_BYTES = 1 << 20;

    /** Most aliases (*name) to a mapping or list in one file; each is expanded as a copy. */
    static final int MAX_COLLECTION_ALIASES = 50;
    /** Deepest nesting SnakeYAML will parse. */
    static final int MAX_NESTING = 50;

    private YamlDocument() {
    }

    /** Reads a file with its own {@link Problems}; see {@link #load(Path, Problems)}. */
    public static YamlMap load(Path file) {
        return load(file, new Problems());
    }

    /**
     * Reads a UTF-8 file (a leading byte order mark is skipped); the file name in messages is
     * {@code file} as given.
     *
     * @throws ScenarioException if the file cannot be read, is too big, not UTF-8, not YAML or
     *                           not a mapping at the top level
     */
    public static YamlMap load(Path file, Problems problems) {
        String source = file.toString();
        byte[] bytes;
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw tooBig(source, size + " bytes", problems);
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw problems.fail(SourcePosition.wholeFile(source), "no such file", "check the path");
        } catch (IOException e) {
            throw problems.fail(SourcePosition.wholeFile(source), "cannot read the file: " + e.getMessage(), "");
        }
        if (bytes.length > MAX_BYTES) {
            throw tooBig(source, bytes.length + " bytes", problems);
        }
        return parse(source, decode(source, bytes, problems), problems);
    }

    /** Parses text with its own {@link Problems}; see {@link #parse(String, String, Problems)}. */
    public static YamlMap parse(String sourceName, String text) {
        return parse(sourceName, text, new Problems());
    }

    /**
     * Parses YAML text. Problems that do not stop reading (duplicate keys, unsupported tags) are
     * recorded in {@code problems} and the mapping is returned; the caller ends the load with
     * {@link Problems#throwIfAny()}.
     *
     * @param sourceName the file name shown in messages
     * @throws ScenarioException if the text is not YAML or not a mapping at the top level
     */
    public static YamlMap parse(String sourceName, String text, Problems problems) {
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        SourceText lines = problems.addSource(sourceName, body);
        if (body.length() > MAX_BYTES) {
            throw tooBig(sourceName, body.length() + " characters", problems);
        }
        checkCharacters(sourceName, body, lines, problems);
        Node root;
        try {
            root = compose(body);
        } catch (YAMLException e) {
            throw new SyntaxErrors(sourceName, lines, problems).fail(e);
        } catch (RuntimeException e) {
            throw problems.fail(SourcePosition.wholeFile(sourceName), "the YAML parser failed: " + e, "");
        }
        YamlNode tree = root == null ? null : new TreeBuilder(sourceName, problems).build(root, "", 0);
        if (tree instanceof YamlMap map) {
            return map;
        }
        if (tree == null || (tree instanceof YamlScalar scalar && scalar.isNull())) {
            throw problems.fail(new SourcePosition(sourceName, 1, 1), "the file is empty",
                    "a scenario is a mapping of keys, e.g. 'name: quickstart'");
        }
        throw problems.fail(tree.position(), "the top level must be a mapping of keys (key: value), found "
                + tree.describe(), "start the file with keys, e.g. 'name: quickstart'");
    }

    private static Node compose(String text) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setAllowRecursiveKeys(false);
        options.setMaxAliasesForCollections(MAX_COLLECTION_ALIASES);
        options.setNestingDepthLimit(MAX_NESTING);
        options.setCodePointLimit(MAX_BYTES + 1);
        options.setProcessComments(false);
        options.setMergeOnCompose(false);
        return new Composer(new ParserImpl(new StreamReader(text), options), new Resolver(), options).getSingleNode();
    }

    /** Refuses control characters up front, with a clearer message than the parser's. */
    private static void checkCharacters(String source, String text, SourceText lines, Problems problems) {
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            if (!StreamReader.isPrintable(c)) {
                throw problems.fail(lines.position(source, i),
                        String.format("the file contains a control character (U+%04X); is it a binary file?", c),
                        "scenario files are UTF-8 text");
            }
            i += Character.charCount(c);
        }
    }

    private static String decode(String source, byte[] bytes, Problems problems) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            String before = new String(bytes, 0, in.position(), StandardCharsets.UTF_8);
            SourceText lines = problems.addSource(source, before);
            throw problems.fail(lines.position(source, before.length()),
                    String.format("the file is not UTF-8 text (byte 0x%02X); is it a binary file?",
                            bytes[in.position()] & 0xFF),
                    "save the file as UTF-8");
        }
        decoder.flush(out);
        return out.flip().toString();
    }

    private static ScenarioException tooBig(String source, String size, Problems problems) {
        return problems.fail(SourcePosition.wholeFile(source), "the file is " + size + "; scenario files are limited to "
                + DataSizes.format(MAX_BYTES), "split it, or remove what is not needed");
    }
}
