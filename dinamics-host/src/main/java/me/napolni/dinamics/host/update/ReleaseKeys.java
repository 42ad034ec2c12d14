package me.napolni.dinamics.host.update;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * Ed25519 keys as text: the public key is the base64 of its X.509 encoding (44 bytes; the raw 32-byte key is
 * accepted too), the private key the base64 of its PKCS#8 encoding.
 */
final class ReleaseKeys {

    /** DER prefix of an X.509 SubjectPublicKeyInfo for Ed25519 (OID 1.3.101.112) before the raw 32-byte key. */
    private static final byte[] X509_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};
    private static final int RAW_KEY_BYTES = 32;

    private ReleaseKeys() {
    }

    /**
     * Generates a key pair.
     *
     * @return a new Ed25519 key pair
     * @throws GeneralSecurityException when the JDK lacks Ed25519
     */
    static KeyPair generate() throws GeneralSecurityException {
        return KeyPairGenerator.getInstance(Release.ALGORITHM).generateKeyPair();
    }

    /**
     * Encodes a public key.
     *
     * @param key the key
     * @return base64 of the X.509 encoding
     */
    static String encode(PublicKey key) {
        return Base64.getEncoder().encodeToString(key.getEncoded());
    }

    /**
     * Encodes a private key.
     *
     * @param key the key
     * @return base64 of the PKCS#8 encoding
     */
    static String encode(PrivateKey key) {
        return Base64.getEncoder().encodeToString(key.getEncoded());
    }

    /**
     * Decodes a public key.
     *
     * @param text base64 of the X.509 encoding or of the raw 32 bytes; surrounding white space is ignored
     * @return the key
     * @throws IllegalArgumentException when the text is no Ed25519 public key
     */
    static PublicKey publicKey(String text) {
        byte[] bytes = decode(text);
        if (bytes.length == RAW_KEY_BYTES) {
            byte[] der = new byte[X509_PREFIX.length + RAW_KEY_BYTES];
            System.arraycopy(X509_PREFIX, 0, der, 0, X509_PREFIX.length);
            System.arraycopy(bytes, 0, der, X509_PREFIX.length, RAW_KEY_BYTES);
            bytes = der;
        }
        try {
            return KeyFactory.getInstance(Release.ALGORITHM).generatePublic(new X509EncodedKeySpec(bytes));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 public key", e);
        }
    }

    /**
     * Decodes a private key.
     *
     * @param text base64 of the PKCS#8 encoding; surrounding white space is ignored
     * @return the key
     * @throws IllegalArgumentException when the text is no Ed25519 private key
     */
    static PrivateKey privateKey(String text) {
        try {
            return KeyFactory.getInstance(Release.ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(decode(text)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 private key", e);
        }
    }

    private static byte[] decode(String text) {
        if (text == null) {
            throw new IllegalArgumentException("no key");
        }
        try {
            return Base64.getDecoder().decode(text.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("key is not base64", e);
        }
    }
}
