package io.bodycam.sim.mqtt;

/** Checks on topic names and filters that MQTT forbids the client to send. */
final class Topics {

    private Topics() {
    }

    /**
     * A topic name is at least one character and holds no wildcard (MQTT 3.1.1 section 4.7.3:
     * "The Topic Name in the PUBLISH Packet MUST NOT contain wildcard characters") and no NUL.
     */
    static String requireTopicName(String topic, String field) {
        if (topic == null || topic.isEmpty()) {
            throw new IllegalArgumentException(field + " must not be empty, was " + (topic == null ? "null" : "\"\""));
        }
        for (int i = 0; i < topic.length(); i++) {
            char c = topic.charAt(i);
            if (c == '+' || c == '#' || c == '\0') {
                throw new IllegalArgumentException(field + " must not contain '+', '#' or NUL, was \"" + topic + "\"");
            }
        }
        return topic;
    }

    /** A topic filter is at least one character and holds no NUL (MQTT 3.1.1 section 4.7.3). */
    static String requireTopicFilter(String filter) {
        if (filter == null || filter.isEmpty() || filter.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("topic filter must be non-empty without NUL, was "
                    + (filter == null ? "null" : "\"" + filter + "\""));
        }
        return filter;
    }
}
