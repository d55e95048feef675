package io.bodycam.bench.observer;

/**
 * Told each time the observer sees a camera's presence change ({@code status} {@code online}, or
 * {@code offline} said by the camera or by its Last Will). Called on the observer's MQTT callback
 * thread: implementations must be quick and thread-safe.
 */
@FunctionalInterface
public interface PresenceListener {

    /**
     * @param reason the {@code reason} of an offline status ({@code connection lost} for the Will), else null
     * @param at     the observer's virtual time at arrival (epoch ms)
     */
    void presenceChanged(String deviceId, boolean online, String reason, long at);
}
