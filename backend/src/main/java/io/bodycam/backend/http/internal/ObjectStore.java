package io.bodycam.backend.http.internal;

import io.bodycam.sim.video.VideoWorkers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the evidence server stores for a foreign protocol's read-back (tus read-back, plain PUT, S3, Swift):
 * each body streams into its own file under the data folder, {@code <folder>/<protocol>/<key>.<id>} (the key's
 * path elements kept, made safe), and becomes the object at its key only once it has arrived whole and
 * checked. Files are opened, written, joined and deleted on a small bounded {@link #disk() disk pool}, never
 * on an event loop. The index of keys is in memory: a restarted server starts empty.
 */
final class ObjectStore implements AutoCloseable {

    /** One stored object: its file, length and hashes (lower-case hex), and the metadata it came with. */
    record StoredObject(Path file, long size, String md5Hex, String sha256Hex, Map<String, String> meta) {
    }

    private final Path folder;
    private final VideoWorkers disk;
    private final Map<String, StoredObject> objects = new ConcurrentHashMap<>();

    ObjectStore(Path folder, VideoWorkers disk) {
        this.folder = folder;
        this.disk = disk;
    }

    /** The pool that touches this store's files. */
    VideoWorkers disk() {
        return disk;
    }

    /** A new file for a body that may become {@code key} of {@code protocol}; it is created by its first job. */
    PartFile newFile(String protocol, String key) {
        Path file = folder.resolve(protocol);
        String[] elements = key.split("/");
        for (int i = 0; i < elements.length; i++) {
            String safe = elements[i].replaceAll("[^A-Za-z0-9._-]", "_");
            safe = safe.isEmpty() || safe.equals(".") || safe.equals("..") ? "_" : safe;
            file = file.resolve(i == elements.length - 1 ? safe + "." + UUID.randomUUID().toString().replace("-", "") : safe);
        }
        return new PartFile(file, disk);
    }

    /** Makes {@code object} the one at {@code key}; the file it replaces, if any, is deleted. */
    void put(String key, StoredObject object) {
        StoredObject old = objects.put(key, object);
        if (old != null && !old.file().equals(object.file())) {
            delete(old.file());
        }
    }

    /** Objects held now. */
    int size() {
        return objects.size();
    }

    Optional<StoredObject> get(String key) {
        return Optional.ofNullable(objects.get(key));
    }

    /** Writes {@code sources} one after the other into {@code target} (closed after), then deletes the sources. */
    CompletableFuture<Void> join(List<Path> sources, PartFile target) {
        return target.append(sources).thenCompose(v -> target.close())
                .thenRun(() -> sources.forEach(this::delete));
    }

    /** Deletes {@code file} on the disk pool (a body that was not kept, or an object replaced). */
    void delete(Path file) {
        disk.submit(() -> Files.deleteIfExists(file));
    }

    @Override
    public void close() {
        disk.close();
    }
}
