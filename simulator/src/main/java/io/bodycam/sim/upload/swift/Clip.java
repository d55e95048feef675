package io.bodycam.sim.upload.swift;

import java.util.Map;
import java.util.Objects;

/**
 * One clip to store: its recording's container (named {@code <UserID>_<BWCSerialNumber>_<TriggerOnTime>}
 * by the Axis Body Worn Integration API, with the recording's metadata), its object name
 * ({@code <StartTime>_<RecordingID>.<ContainerType>}) and the object's metadata. Metadata keys are the
 * API's names ({@code StartTime}); they go out as {@code X-Container-Meta-*} and {@code X-Object-Meta-*}
 * headers, values URL-encoded as the API asks.
 */
public record Clip(String container, Map<String, String> containerMeta, String object, Map<String, String> objectMeta) {

    public Clip {
        Objects.requireNonNull(container, "container");
        Objects.requireNonNull(object, "object");
        containerMeta = Map.copyOf(containerMeta);
        objectMeta = Map.copyOf(objectMeta);
        if (container.isEmpty() || container.contains("/")) {
            throw new IllegalArgumentException("container must be non-empty without '/', was '" + container + "'");
        }
        if (object.isEmpty()) {
            throw new IllegalArgumentException("object must not be empty");
        }
    }
}
