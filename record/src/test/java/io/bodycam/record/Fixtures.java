package io.bodycam.record;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The committed run records under {@code src/test/resources/runs/}, copied where a test may write. Other
 * modules' tests reach them in this module's test jar.
 */
public final class Fixtures {

    private Fixtures() {
    }

    /** A copy of fixture {@code name} in {@code into}. */
    public static Path copy(String name, Path into) {
        try {
            URI uri = Fixtures.class.getResource("/runs/" + name).toURI();
            if (!"jar".equals(uri.getScheme())) {
                return copy(Path.of(uri), into);
            }
            try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
                return copy(jar.provider().getPath(uri), into);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path copy(Path source, Path into) throws IOException {
        try (Stream<Path> files = Files.walk(source)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path target = into.resolve(source.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
        return into;
    }
}
