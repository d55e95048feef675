package io.bodycam.sim.testing;

import io.bodycam.sim.upload.Credentials;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * S3Proxy ({@code org.gaul:s3proxy} {@value #VERSION}, an S3 server nobody here wrote) as its own java
 * process on a free loopback port, storing objects in its own folder (jclouds' {@code filesystem}) and
 * checking AWS Signature Version 4 for one key pair, {@link #CREDENTIALS}. The build copies its uber-jar
 * to {@code target/s3proxy/s3proxy.jar} (or the file in the system property
 * {@code bodycam.s3proxy.jar}); tests skip with the reason when it is not there.
 *
 * <p>What it answers, as measured: {@code x-amz-checksum-sha256} is refused with 501 NotImplemented
 * ("A header you provided implies functionality that is not implemented"), so no checksum can prove a
 * copy here; a request without {@code x-amz-content-sha256} fails with a 500 (a NullPointerException in
 * the server); a signed payload hash is checked; parts under 5 MiB but the last are refused with
 * EntityTooSmall; ListParts lists the parts held, with their sizes and MD5 ETags. Its newer
 * {@code filesystem-nio2} store is not used: a part upload cut in the middle leaves a temporary file
 * without the {@code user.content-md5} attribute in the upload's folder, and from then on ListParts,
 * CompleteMultipartUpload and AbortMultipartUpload of that upload all answer 500
 * ("Unable to get size of extended attribute 'user.content-md5'"), so no client can finish or abort it.
 */
public final class S3ProxyProcess extends ServerProcess {

    /** The S3Proxy release tested. */
    public static final String VERSION = "2.6.0";
    /** The one key pair the server accepts. */
    public static final Credentials CREDENTIALS = new Credentials("bodycam-test", "bodycam-test-secret");

    private final Path java;
    private final Path jar;

    private S3ProxyProcess(Path java, Path jar, int port, Path dir) {
        super(port, dir);
        this.java = java;
        this.jar = jar;
    }

    /** Why S3Proxy cannot run here, if it cannot. */
    public static Optional<String> unavailable() {
        if (!Files.isRegularFile(jar())) {
            return Optional.of("S3Proxy is not at " + jar() + " (the build copies it there: mvn generate-test-resources)");
        }
        if (java().isEmpty()) {
            return Optional.of("cannot find the java binary of this JVM to run S3Proxy with");
        }
        return Optional.empty();
    }

    /** Starts S3Proxy on a free 127.0.0.1 port with empty buckets {@code buckets}. */
    public static S3ProxyProcess start(String... buckets) throws IOException {
        unavailable().ifPresent(why -> {
            throw new IllegalStateException(why);
        });
        S3ProxyProcess s = new S3ProxyProcess(java().orElseThrow(), jar(), freePort(), Files.createTempDirectory("s3proxy-"));
        try {
            for (String bucket : buckets) {
                Files.createDirectories(s.data().resolve(bucket));
            }
            Files.writeString(s.dir().resolve("s3proxy.conf"), String.join("\n", List.of(
                    "s3proxy.endpoint=" + s.endpoint(),
                    "s3proxy.authorization=aws-v4",
                    "s3proxy.identity=" + CREDENTIALS.id(),
                    "s3proxy.credential=" + CREDENTIALS.secret(),
                    "jclouds.provider=filesystem",
                    "jclouds.identity=unused",
                    "jclouds.credential=unused",
                    "jclouds.filesystem.basedir=" + s.data())) + "\n");
            s.launch();
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
        return s;
    }

    /** {@code http://127.0.0.1:PORT}: the S3 endpoint, path-style. */
    public URI endpoint() {
        return URI.create("http://" + HOST + ":" + port());
    }

    /** Where object {@code key} of {@code bucket} is stored. */
    public Path object(String bucket, String key) {
        return data().resolve(bucket).resolve(key);
    }

    /**
     * Every stored object of {@code bucket}, as paths relative to the bucket; multipart bookkeeping (the
     * {@code .mpus-*} folders of unfinished uploads and their empty stubs beside them) left out.
     */
    public List<Path> objects(String bucket) throws IOException {
        Path root = data().resolve(bucket);
        try (var files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).map(root::relativize)
                    .filter(p -> p.getNameCount() > 1 || size(root.resolve(p)) > 0)
                    .filter(p -> !p.getName(0).toString().startsWith(".")).sorted().toList();
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    private Path data() {
        return dir().resolve("data");
    }

    @Override
    public String name() {
        return "S3Proxy " + VERSION + " (filesystem-nio2, aws-v4)";
    }

    @Override
    ProcessBuilder command() {
        ProcessBuilder b = new ProcessBuilder(java.toString(), "-Xmx256m", "-jar", jar.toString(), "--properties",
                dir().resolve("s3proxy.conf").toString());
        b.environment().put("LOG_LEVEL", "warn");
        return b.directory(dir().toFile());
    }

    @Override
    Duration startTimeout() {
        return Duration.ofSeconds(60);
    }

    private static Path jar() {
        String configured = System.getProperty("bodycam.s3proxy.jar");
        return (configured != null ? Path.of(configured) : Path.of("target", "s3proxy", "s3proxy.jar")).toAbsolutePath();
    }

    private static Optional<Path> java() {
        return ProcessHandle.current().info().command().map(Path::of).filter(Files::isExecutable);
    }
}
