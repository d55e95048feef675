package io.bodycam.bench.security;

import io.bodycam.bench.scenario.ImpostorKind;
import java.util.Objects;

/**
 * One impostor's attempt and what the backend made of it.
 *
 * @param kind     how it tried
 * @param victim   the honest camera it tried to pass for or to harm
 * @param accepted true if the backend let it through: its connection was accepted with a bad certificate,
 *                 or its message reached a subscriber on the victim's topic
 * @param detail   how the backend answered, in a few words (the refusal's reason, or what got through)
 */
public record Attempt(ImpostorKind kind, String victim, boolean accepted, String detail) {

    public Attempt {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(victim, "victim");
        Objects.requireNonNull(detail, "detail");
    }
}
