package io.bodycam.backend.broker;

/**
 * HiveMQ CE's {@code config.xml} for the embedded broker, after the {@code config.xsd} shipped in
 * {@code hivemq-community-edition-embedded} 2025.5. HiveMQ's own default binds 0.0.0.0:1883 and
 * reports anonymous usage statistics; this one binds one loopback port and reports nothing.
 */
final class HiveMqConfigXml {

    private HiveMqConfigXml() {
    }

    /**
     * @param persistent HiveMQ's {@code file} persistence (state survives a restart), else {@code in-memory}
     * @param tls        {@code null}: a plain TCP listener; else a TLS listener, mutual when it has a trust store
     */
    static String render(String host, int port, long maxQueuedMessages, boolean persistent, BrokerStores tls) {
        String listener = tls == null ? """
                        <tcp-listener>
                            <port>%d</port>
                            <bind-address>%s</bind-address>
                            <name>bodycam-loopback</name>
                        </tcp-listener>""".formatted(port, host) : """
                        <tls-tcp-listener>
                            <port>%d</port>
                            <bind-address>%s</bind-address>
                            <name>bodycam-loopback-tls</name>
                            <tls>
                                <keystore>
                                    <path>%s</path>
                                    <password>%s</password>
                                    <private-key-password>%s</private-key-password>
                                </keystore>%s
                                <protocols>
                                    <protocol>TLSv1.3</protocol>
                                    <protocol>TLSv1.2</protocol>
                                </protocols>
                                <client-authentication-mode>%s</client-authentication-mode>
                            </tls>
                        </tls-tcp-listener>""".formatted(port, host, tls.keyStore(), tls.password(), tls.password(),
                tls.trustStore() == null ? "" : """

                                <truststore>
                                    <path>%s</path>
                                    <password>%s</password>
                                </truststore>""".formatted(tls.trustStore(), tls.password()),
                tls.trustStore() == null ? "NONE" : "REQUIRED");
        return """
                <?xml version="1.0"?>
                <hivemq xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="config.xsd">
                    <listeners>
                %s
                    </listeners>
                    <mqtt>
                        <queued-messages>
                            <max-queue-size>%d</max-queue-size>
                            <strategy>discard</strategy>
                        </queued-messages>
                    </mqtt>
                    <restrictions>
                        <max-connections>-1</max-connections>
                    </restrictions>
                    <persistence>
                        <mode>%s</mode>
                    </persistence>
                    <anonymous-usage-statistics>
                        <enabled>false</enabled>
                    </anonymous-usage-statistics>
                </hivemq>
                """.formatted(listener, maxQueuedMessages, persistent ? "file" : "in-memory");
    }
}
