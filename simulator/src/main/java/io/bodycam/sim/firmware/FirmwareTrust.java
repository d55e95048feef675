package io.bodycam.sim.firmware;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * The key a camera trusts for firmware: an image is accepted only if its SHA-256 is the offer's and the
 * offer's manifest carries a valid Ed25519 signature by this key (docs/domain.md#firmware-signing;
 * unsigned, unverified firmware was one of Mitchell's findings [S53]).
 */
public final class FirmwareTrust {

    private final PublicKey key;

    private FirmwareTrust(PublicKey key) {
        this.key = key;
    }

    /**
     * Reads a base64 X.509 Ed25519 public key ({@link FirmwareSigner#publicKey()}).
     *
     * @throws IllegalArgumentException naming what is wrong with it
     */
    public static FirmwareTrust of(String base64PublicKey) {
        try {
            byte[] der = Base64.getDecoder().decode(base64PublicKey);
            PublicKey k = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
            return new FirmwareTrust(k);
        } catch (IllegalArgumentException | GeneralSecurityException | NullPointerException e) {
            throw new IllegalArgumentException("firmware key must be a base64 X.509 Ed25519 public key, was '"
                    + base64PublicKey + "'");
        }
    }

    /** True when the offer's signature is this key's over the offer's manifest. */
    public boolean signed(FirmwareOffer offer) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initVerify(key);
            s.update(offer.manifestBytes());
            return s.verify(Base64.getDecoder().decode(offer.signature()));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }
}
