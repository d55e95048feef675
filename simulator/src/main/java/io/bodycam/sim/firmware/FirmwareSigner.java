package io.bodycam.sim.firmware;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Base64;

/**
 * Signs firmware manifests with an Ed25519 key (the JDK's own, RFC 8032), as the vendor's release
 * service does; cameras trust its {@link #publicKey() public key} ({@link FirmwareTrust}). Thread-safe.
 */
public final class FirmwareSigner {

    private final PrivateKey key;
    private final String publicKey;

    private FirmwareSigner(KeyPair pair) {
        this.key = pair.getPrivate();
        this.publicKey = Base64.getEncoder().encodeToString(pair.getPublic().getEncoded());
    }

    /** A signer with a fresh key pair. */
    public static FirmwareSigner generate() {
        try {
            return new FirmwareSigner(KeyPairGenerator.getInstance("Ed25519").generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is part of every Java 15+ platform", e);
        }
    }

    /** The public key, base64 of its X.509 SubjectPublicKeyInfo encoding: what cameras are configured with. */
    public String publicKey() {
        return publicKey;
    }

    /** An offer for {@code image} at {@code path}, signed; the window in the backend's clock (epoch ms). */
    public FirmwareOffer offer(FirmwareImage image, String sha256, String path, long windowStart, long windowEnd) {
        return new FirmwareOffer(image.version(), path, image.length(), sha256,
                sign(FirmwareOffer.manifest(image.version(), image.length(), sha256)), windowStart, windowEnd);
    }

    /** Base64 Ed25519 signature of {@code manifest}'s UTF-8 bytes. */
    public String sign(String manifest) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(key);
            s.update(manifest.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with Ed25519", e);
        }
    }
}
