package io.bodycam.bench.scenario;

import java.net.URI;
import java.util.Objects;

/**
 * Where the cameras connect: the embedded reference backend (started in-process on free loopback
 * ports), or an external MQTT broker and upload server.
 *
 * @param mqtt   {@code tcp://host:port} or {@code mqtts://host:port}; null for embedded
 * @param upload   {@code http://host:port} or {@code https://host:port}; null for embedded
 * @param username MQTT user name for the cameras and the observer, {@code {deviceId}} replaced per camera; null for none
 * @param password MQTT password, {@code {deviceId}} replaced per camera; null for none
 * @param profile  how the cameras speak to it ({@code backend.profile}; {@link DeviceProfile#REFERENCE} by default)
 * @param firmwareKey the key an external backend signs firmware with (base64 X.509 Ed25519); null for none
 *                 (the embedded backend gives its own)
 * @param tls      trust and client certificates for {@code mqtts://} and {@code https://}; null for the JDK's trust
 *                 store and no client certificate
 * @param clock    what the backend's {@code GET /time} answers ({@code backend.clock}): the embedded backend always
 *                 answers the run's virtual time
 * @param services where the profile's side services are when they are not beside the uploads ({@code backend.services},
 *                 for an upload protocol other than tus); null for the upload URL
 */
public record Backend(boolean embedded, URI mqtt, URI upload, MqttVersion mqttVersion, String username, String password,
                      DeviceProfile profile, String firmwareKey, BackendTls tls, ServerClock clock, URI services) {

    /** The MQTT protocol level cameras speak. */
    public enum MqttVersion { V3_1_1, V5 }

    /**
     * The clock a backend's time sync reads. A real backend answers real time: in a run sped up (or started
     * at another virtual date) the cameras map its answer onto the run's virtual time, or a time sync would set
     * their clocks hours back and every message after it would look hours late. A reference backend started
     * on the run's own virtual clock (the embedded one, or one a test shares between shards) answers virtual
     * time, taken as it is.
     */
    public enum ServerClock { WALL, VIRTUAL }

    public static Backend embedded(MqttVersion version) {
        return new Backend(true, null, null, version, null, null, DeviceProfile.REFERENCE, null, null, ServerClock.VIRTUAL, null);
    }

    public static Backend external(URI mqtt, URI upload, MqttVersion version) {
        return new Backend(false, mqtt, upload, version, null, null, DeviceProfile.REFERENCE, null, null, ServerClock.WALL, null);
    }

    /** The same backend, with MQTT credentials. */
    public Backend withCredentials(String user, String pass) {
        return new Backend(embedded, mqtt, upload, mqttVersion, user, pass, profile, firmwareKey, tls, clock, services);
    }

    /** The same backend, spoken to as {@code deviceProfile} says. */
    public Backend withProfile(DeviceProfile deviceProfile) {
        return new Backend(embedded, mqtt, upload, mqttVersion, username, password, deviceProfile, firmwareKey, tls, clock, services);
    }

    /** The same backend, with the key the cameras check firmware signatures against. */
    public Backend withFirmwareKey(String key) {
        return new Backend(embedded, mqtt, upload, mqttVersion, username, password, profile, key, tls, clock, services);
    }

    /** The same backend, with TLS settings. */
    public Backend withTls(BackendTls settings) {
        return new Backend(embedded, mqtt, upload, mqttVersion, username, password, profile, firmwareKey, settings, clock, services);
    }

    /** The same backend, whose time sync answers {@code serverClock}. */
    public Backend withClock(ServerClock serverClock) {
        return new Backend(embedded, mqtt, upload, mqttVersion, username, password, profile, firmwareKey, tls, serverClock, services);
    }

    /** The same backend, whose side services are at {@code base} rather than beside the uploads. */
    public Backend withServices(URI base) {
        return new Backend(embedded, mqtt, upload, mqttVersion, username, password, profile, firmwareKey, tls, clock, base);
    }

    /** Where the side services are: {@code backend.services}, else the upload URL. */
    public URI servicesUrl() {
        return services != null ? services : upload;
    }

    /** Whether cameras speak MQTT over TLS: an {@code mqtts://} broker, or the embedded one given {@code tls}. */
    public boolean mqttTls() {
        return embedded ? tls != null : "mqtts".equals(mqtt.getScheme());
    }

    /**
     * Whether cameras upload over TLS: an {@code https://} upload server, or the embedded one given
     * {@code tls.uploads} other than plain.
     */
    public boolean uploadTls() {
        return embedded ? tls != null && tls.uploads() != BackendTls.Uploads.PLAIN : "https".equals(upload.getScheme());
    }

    public Backend {
        Objects.requireNonNull(mqttVersion, "mqttVersion");
        Objects.requireNonNull(profile, "device profile");
        Objects.requireNonNull(clock, "server clock");
        if (embedded && clock != ServerClock.VIRTUAL) {
            throw new IllegalArgumentException("the embedded backend answers the run's virtual time");
        }
        if (!embedded) {
            Objects.requireNonNull(mqtt, "mqtt URL");
            Objects.requireNonNull(upload, "upload URL");
            if (!("tcp".equals(mqtt.getScheme()) || "mqtts".equals(mqtt.getScheme())) || mqtt.getHost() == null || mqtt.getPort() < 0) {
                throw new IllegalArgumentException("mqtt URL must look like tcp://host:1883 or mqtts://host:8883, was " + mqtt);
            }
            if (!("http".equals(upload.getScheme()) || "https".equals(upload.getScheme())) || upload.getHost() == null) {
                throw new IllegalArgumentException("upload URL must look like http://host:8080 or https://host:8443, was " + upload);
            }
            if (tls != null && !"mqtts".equals(mqtt.getScheme()) && !"https".equals(upload.getScheme())) {
                throw new IllegalArgumentException("tls needs an mqtts:// or https:// URL, mqtt was " + mqtt + ", upload " + upload);
            }
            if (services != null && (!("http".equals(services.getScheme()) || "https".equals(services.getScheme()))
                    || services.getHost() == null)) {
                throw new IllegalArgumentException("services URL must look like http://host:8080 or https://host:8443, was "
                        + services);
            }
            if (tls != null && tls.uploads() != BackendTls.Uploads.PLAIN) {
                throw new IllegalArgumentException("tls.uploads is for the embedded evidence server; an external one's "
                        + "upload URL says http:// or https://");
            }
        }
    }
}
