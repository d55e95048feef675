package io.bodycam.bench.observer;

/**
 * A message the observer could not accept as the contract describes it (not JSON, a field missing or
 * of the wrong type, a device id that differs from the topic's), kept as an example for the report.
 *
 * @param topic where it arrived
 * @param reason what is wrong, e.g. {@code "missing or non-integer field 'seq'"}
 * @param excerpt the start of the payload as text (at most 200 characters)
 * @param receivedAt the observer's virtual time at arrival (epoch ms)
 */
public record MalformedPayload(String topic, String reason, String excerpt, long receivedAt) {
}
