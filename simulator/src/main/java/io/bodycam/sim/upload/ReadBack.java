package io.bodycam.sim.upload;

/**
 * A stored object fetched back and hashed as its body arrived: the basis of the read-back proof.
 * Anything but {@code 200} comes back with its status and the start of its body, for the caller to judge.
 *
 * @param status  the answer's status
 * @param bytes   bytes of the body (200 only)
 * @param sha256  lower-case hex SHA-256 of the body (200 only; else empty)
 * @param message the start of a non-200 answer's body
 */
public record ReadBack(int status, long bytes, String sha256, String message) {

    /** True when the server answered with the object and it hashes to {@code sha256Hex}. */
    public boolean matches(String sha256Hex) {
        return status == 200 && sha256.equalsIgnoreCase(sha256Hex);
    }
}
