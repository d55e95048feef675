package io.bodycam.sim.camera;

import io.bodycam.sim.gps.PatrolStyle;
import io.bodycam.sim.power.BatteryModel;

import java.time.Duration;
import java.util.Objects;

/**
 * Everything that makes one virtual camera what it is, fixed at creation. Defaults are those of
 * docs/design.md#defaults, each listed with its range and source in docs/domain.md#defaults; every
 * setter checks its range and names the field when it refuses a value.
 */
public final class CameraConfig {

    /** Independence, Missouri: the default patrol centre. */
    public static final double DEFAULT_LAT = 39.0911;
    public static final double DEFAULT_LON = -94.4155;

    private final String deviceId;
    private final String agency;
    private final String officer;
    private final String firmware;
    private final long seed;
    private final Duration bootTime;
    private final Duration preEvent;
    private final Duration segmentLength;
    private final Duration maxRecording;
    private final double videoBitsPerSecond;
    private final double payloadScale;
    private final long storageCapacity;
    private final long storageLowThreshold;
    private final BatteryModel battery;
    private final double batteryStartPercent;
    private final double centreLat;
    private final double centreLon;
    private final PatrolStyle patrol;
    private final double gpsLossesPerHour;
    private final Duration gpsIntervalRecording;
    private final Duration gpsIntervalIdle;
    private final Duration heartbeat;
    private final double dockUploadBitsPerSecond;
    private final Duration clockOffset;
    private final Duration uploadRetryDelay;
    private final double lteOutagesPerHour;
    private final Duration lteOutageLength;
    private final double lteUploadBitsPerSecond;
    private final Duration firmwareApplyTime;
    private final String firmwareKey;

    private CameraConfig(Builder b) {
        this.deviceId = Objects.requireNonNull(b.deviceId, "deviceId");
        this.agency = b.agency;
        this.officer = b.officer != null ? b.officer : "officer-" + b.deviceId;
        this.firmware = b.firmware;
        this.seed = b.seed;
        this.bootTime = b.bootTime;
        this.preEvent = b.preEvent;
        this.segmentLength = b.segmentLength;
        this.maxRecording = b.maxRecording;
        this.videoBitsPerSecond = b.videoBitsPerSecond;
        this.payloadScale = b.payloadScale;
        this.storageCapacity = b.storageCapacity;
        this.storageLowThreshold = b.storageLowThreshold;
        this.battery = b.battery;
        this.batteryStartPercent = b.batteryStartPercent;
        this.centreLat = b.centreLat;
        this.centreLon = b.centreLon;
        this.patrol = b.patrol;
        this.gpsLossesPerHour = b.gpsLossesPerHour;
        this.gpsIntervalRecording = b.gpsIntervalRecording;
        this.gpsIntervalIdle = b.gpsIntervalIdle;
        this.heartbeat = b.heartbeat;
        this.dockUploadBitsPerSecond = b.dockUploadBitsPerSecond;
        this.clockOffset = b.clockOffset;
        this.uploadRetryDelay = b.uploadRetryDelay;
        this.lteOutagesPerHour = b.lteOutagesPerHour;
        this.lteOutageLength = b.lteOutageLength;
        this.lteUploadBitsPerSecond = b.lteUploadBitsPerSecond;
        this.firmwareApplyTime = b.firmwareApplyTime;
        this.firmwareKey = b.firmwareKey;
        if (storageLowThreshold >= storageCapacity) {
            throw new IllegalArgumentException("storage-low threshold (" + storageLowThreshold
                    + " B) must be below the storage capacity (" + storageCapacity + " B)");
        }
    }

    public static Builder builder(String deviceId) {
        return new Builder(deviceId);
    }

    /**
     * A builder starting from this configuration, to derive one camera's config from another's. Public
     * API for users who build cameras themselves; the bench builds each config from scratch.
     */
    public Builder toBuilder() {
        Builder b = new Builder(deviceId);
        b.agency = agency;
        b.officer = officer;
        b.firmware = firmware;
        b.seed = seed;
        b.bootTime = bootTime;
        b.preEvent = preEvent;
        b.segmentLength = segmentLength;
        b.maxRecording = maxRecording;
        b.videoBitsPerSecond = videoBitsPerSecond;
        b.payloadScale = payloadScale;
        b.storageCapacity = storageCapacity;
        b.storageLowThreshold = storageLowThreshold;
        b.battery = battery;
        b.batteryStartPercent = batteryStartPercent;
        b.centreLat = centreLat;
        b.centreLon = centreLon;
        b.patrol = patrol;
        b.gpsLossesPerHour = gpsLossesPerHour;
        b.gpsIntervalRecording = gpsIntervalRecording;
        b.gpsIntervalIdle = gpsIntervalIdle;
        b.heartbeat = heartbeat;
        b.dockUploadBitsPerSecond = dockUploadBitsPerSecond;
        b.clockOffset = clockOffset;
        b.uploadRetryDelay = uploadRetryDelay;
        b.lteOutagesPerHour = lteOutagesPerHour;
        b.lteOutageLength = lteOutageLength;
        b.lteUploadBitsPerSecond = lteUploadBitsPerSecond;
        b.firmwareApplyTime = firmwareApplyTime;
        b.firmwareKey = firmwareKey;
        return b;
    }

    public String deviceId() { return deviceId; }
    public String agency() { return agency; }
    public String officer() { return officer; }
    public String firmware() { return firmware; }
    public long seed() { return seed; }
    public Duration bootTime() { return bootTime; }
    public Duration preEvent() { return preEvent; }
    public Duration segmentLength() { return segmentLength; }
    public Duration maxRecording() { return maxRecording; }
    public double videoBitsPerSecond() { return videoBitsPerSecond; }
    /** Public API; the camera itself reads the scaled rates, such as {@link #payloadBytesPerSecond()}. */
    public double payloadScale() { return payloadScale; }
    public long storageCapacity() { return storageCapacity; }
    public long storageLowThreshold() { return storageLowThreshold; }
    public BatteryModel battery() { return battery; }
    public double batteryStartPercent() { return batteryStartPercent; }
    public double centreLat() { return centreLat; }
    public double centreLon() { return centreLon; }
    public PatrolStyle patrol() { return patrol; }
    public double gpsLossesPerHour() { return gpsLossesPerHour; }
    public Duration gpsIntervalRecording() { return gpsIntervalRecording; }
    public Duration gpsIntervalIdle() { return gpsIntervalIdle; }
    public Duration heartbeat() { return heartbeat; }
    public double dockUploadBitsPerSecond() { return dockUploadBitsPerSecond; }
    public Duration clockOffset() { return clockOffset; }
    public Duration uploadRetryDelay() { return uploadRetryDelay; }
    public double lteOutagesPerHour() { return lteOutagesPerHour; }
    public Duration lteOutageLength() { return lteOutageLength; }
    /** Public API: the camera itself reads the scaled rate ({@link #ltePayloadBytesPerSecond()}). */
    public double lteUploadBitsPerSecond() { return lteUploadBitsPerSecond; }
    public Duration firmwareApplyTime() { return firmwareApplyTime; }
    /** The base64 Ed25519 public key firmware must be signed with; null: the camera takes no firmware. */
    public String firmwareKey() { return firmwareKey; }

    /** Nominal video bytes per second: what a real camera writes. */
    public double nominalBytesPerSecond() {
        return videoBitsPerSecond / 8;
    }

    /** Payload bytes per second actually produced: nominal times {@link #payloadScale()}. */
    public double payloadBytesPerSecond() {
        return nominalBytesPerSecond() * payloadScale;
    }

    /** Upload rate in payload bytes per virtual second: dock bandwidth times the payload scale. */
    public double uploadPayloadBytesPerSecond() {
        return dockUploadBitsPerSecond / 8 * payloadScale;
    }

    /** Priority-upload rate in payload bytes per virtual second: LTE bandwidth times the payload scale. */
    public double ltePayloadBytesPerSecond() {
        return lteUploadBitsPerSecond / 8 * payloadScale;
    }

    /** Builds a {@link CameraConfig}; each setter validates its value. */
    public static final class Builder {
        private final String deviceId;
        private String agency = "ipd";
        private String officer;
        private String firmware = "4.12.3";
        private long seed;
        private Duration bootTime = Duration.ofSeconds(5);              // first-gen Axon Body: 5 s [S3]
        private Duration preEvent = Duration.ofSeconds(30);             // Axon default 30 s, 0..120 [S1, S2]
        private Duration segmentLength = Duration.ofMinutes(5);         // 5-minute segments [S-Aseko]
        private Duration maxRecording = Duration.ofHours(4);            // roll-over at 4 h [S1]
        private double videoBitsPerSecond = 4_000_000;                  // 720p30 ~4 Mbit/s, 1.8 GB/h [S57]
        private double payloadScale = 1.0;
        private long storageCapacity = 64_000_000_000L;                 // 64 GB [S37, S41 range 32..128]
        private long storageLowThreshold = 4_000_000_000L;              // "storage low" below 4 GB [S34]
        private BatteryModel battery = BatteryModel.DEFAULT;            // 12 h mixed use [S12]
        private double batteryStartPercent = 100;
        private double centreLat = DEFAULT_LAT;
        private double centreLon = DEFAULT_LON;
        private PatrolStyle patrol = PatrolStyle.VEHICLE;
        private double gpsLossesPerHour = 2;                            // [GUESS]
        private Duration gpsIntervalRecording = Duration.ofSeconds(10); // every 10 s recording [S4]
        private Duration gpsIntervalIdle = Duration.ofMinutes(15);      // every 15 min buffering [S4]
        private Duration heartbeat = Duration.ofSeconds(30);            // [GUESS], docs/domain.md#status-and-time
        private double dockUploadBitsPerSecond = 25_000_000;            // up to 25 Mbit/s per camera [S7]
        private Duration clockOffset = Duration.ZERO;
        private Duration uploadRetryDelay = Duration.ofSeconds(30);     // [GUESS]
        private double lteOutagesPerHour;                               // none unless a scenario says so
        private Duration lteOutageLength = Duration.ofMinutes(1);
        private double lteUploadBitsPerSecond = 5_000_000;              // LTE uplink for a priority upload [GUESS]
        private Duration firmwareApplyTime = Duration.ofMinutes(2);     // writing the staged image [GUESS]
        private String firmwareKey;

        private Builder(String deviceId) {
            if (deviceId == null || !deviceId.matches("[A-Za-z0-9._-]{1,64}")) {
                throw new IllegalArgumentException("device id must be 1..64 of [A-Za-z0-9._-] (it is part of MQTT topics), was '" + deviceId + "'");
            }
            this.deviceId = deviceId;
        }

        /** The device id this builder is for, so a scenario can set one camera apart from its group. */
        public String deviceId() {
            return deviceId;
        }

        public Builder agency(String v) {
            if (v == null || !v.matches("[A-Za-z0-9._-]{1,64}")) {
                throw new IllegalArgumentException("agency must be 1..64 of [A-Za-z0-9._-], was '" + v + "'");
            }
            agency = v;
            return this;
        }

        /**
         * The officer wearing the camera, sent in its state and with every segment (default
         * {@code officer-<deviceId>}). Public API for users who build cameras themselves; scenarios keep
         * the default.
         */
        public Builder officer(String v) {
            officer = Objects.requireNonNull(v, "officer");
            return this;
        }

        public Builder firmware(String v) {
            firmware = Objects.requireNonNull(v, "firmware");
            return this;
        }

        public Builder seed(long v) {
            seed = v;
            return this;
        }

        public Builder bootTime(Duration v) {
            bootTime = range("boot time", v, Duration.ZERO, Duration.ofMinutes(5));
            return this;
        }

        public Builder preEvent(Duration v) {
            preEvent = range("pre-event buffer", v, Duration.ZERO, Duration.ofSeconds(120));
            return this;
        }

        public Builder segmentLength(Duration v) {
            segmentLength = range("segment length", v, Duration.ofSeconds(10), Duration.ofHours(4));
            return this;
        }

        public Builder maxRecording(Duration v) {
            maxRecording = range("maximum recording length", v, Duration.ofMinutes(1), Duration.ofHours(24));
            return this;
        }

        public Builder videoBitsPerSecond(double v) {
            videoBitsPerSecond = range("video bitrate", v, 100_000, 100_000_000, "bit/s");
            return this;
        }

        public Builder payloadScale(double v) {
            if (!(v > 0 && v <= 1)) {
                throw new IllegalArgumentException("payload scale must be > 0 and <= 1, was " + v);
            }
            payloadScale = v;
            return this;
        }

        public Builder storage(long capacity, long lowThreshold) {
            storageCapacity = (long) range("storage capacity", capacity, 1_000_000, 4_000_000_000_000.0, "B");
            storageLowThreshold = (long) range("storage-low threshold", lowThreshold, 0, 4_000_000_000_000.0, "B");
            return this;
        }

        public Builder battery(BatteryModel model, double startPercent) {
            battery = Objects.requireNonNull(model, "battery model");
            batteryStartPercent = range("battery start level", startPercent, 0, 100, "%");
            return this;
        }

        public Builder patrol(double lat, double lon, PatrolStyle style) {
            centreLat = range("patrol centre latitude", lat, -85, 85, "deg");
            centreLon = range("patrol centre longitude", lon, -180, 180, "deg");
            patrol = Objects.requireNonNull(style, "patrol style");
            return this;
        }

        /** Moves the patrol centre, keeping the patrol style. */
        public Builder centre(double lat, double lon) {
            return patrol(lat, lon, patrol);
        }

        /**
         * LTE outages while out of the dock: on average {@code perHour} a camera-hour (Poisson), each
         * {@code length} long; the radio drops (the broker sees the Will) and reconnects after.
         */
        public Builder lteOutages(double perHour, Duration length) {
            lteOutagesPerHour = range("LTE outages per hour", perHour, 0, 60, "/h");
            lteOutageLength = range("LTE outage length", length, Duration.ofSeconds(1), Duration.ofHours(12));
            return this;
        }

        public Builder gpsLossesPerHour(double v) {
            gpsLossesPerHour = range("GPS fix losses per hour", v, 0, 3600, "/h");
            return this;
        }

        public Builder gpsIntervals(Duration recording, Duration idle) {
            gpsIntervalRecording = range("GPS interval while recording", recording, Duration.ofSeconds(1), Duration.ofHours(1));
            gpsIntervalIdle = range("GPS interval while idle", idle, Duration.ofSeconds(1), Duration.ofHours(24));
            return this;
        }

        public Builder heartbeat(Duration v) {
            heartbeat = range("status heartbeat", v, Duration.ofSeconds(1), Duration.ofHours(1));
            return this;
        }

        public Builder dockUploadBitsPerSecond(double v) {
            dockUploadBitsPerSecond = range("dock upload bandwidth", v, 10_000, 10_000_000_000.0, "bit/s");
            return this;
        }

        public Builder clockOffset(Duration v) {
            clockOffset = range("clock offset", v, Duration.ofDays(-36_500), Duration.ofDays(36_500));
            return this;
        }

        public Builder uploadRetryDelay(Duration v) {
            uploadRetryDelay = range("upload retry delay", v, Duration.ofSeconds(1), Duration.ofHours(1));
            return this;
        }

        /** Upload bandwidth over LTE, for a priority upload of the latest recording [S11]. */
        public Builder lteUploadBitsPerSecond(double v) {
            lteUploadBitsPerSecond = range("LTE upload bandwidth", v, 10_000, 1_000_000_000.0, "bit/s");
            return this;
        }

        /** How long applying a staged firmware image takes before the reboot into it. */
        public Builder firmwareApplyTime(Duration v) {
            firmwareApplyTime = range("firmware apply time", v, Duration.ZERO, Duration.ofHours(1));
            return this;
        }

        /** The key firmware must be signed with (base64 X.509 Ed25519, {@code FirmwareSigner#publicKey()}). */
        public Builder firmwareKey(String v) {
            io.bodycam.sim.firmware.FirmwareTrust.of(v);
            firmwareKey = v;
            return this;
        }

        public CameraConfig build() {
            return new CameraConfig(this);
        }

        private static Duration range(String what, Duration v, Duration min, Duration max) {
            Objects.requireNonNull(v, what);
            if (v.compareTo(min) < 0 || v.compareTo(max) > 0) {
                throw new IllegalArgumentException(what + " must be " + min.toString().substring(2).toLowerCase()
                        + ".." + max.toString().substring(2).toLowerCase() + ", was " + v.toString().substring(2).toLowerCase());
            }
            return v;
        }

        private static double range(String what, double v, double min, double max, String unit) {
            if (!(v >= min && v <= max)) {
                throw new IllegalArgumentException(what + " must be " + min + ".." + max + " " + unit + ", was " + v + " " + unit);
            }
            return v;
        }
    }
}
