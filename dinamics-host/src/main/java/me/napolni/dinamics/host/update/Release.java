package me.napolni.dinamics.host.update;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * One signed release in a manifest: what it is, where it is, and how to know it is the publisher's.
 *
 * <p>The Ed25519 signature covers the UTF-8 bytes of this exact text (every line ends with one {@code \n}, no
 * trailing spaces, fields in this order; values cannot contain a line break, so the form is unambiguous):
 * <pre>
 *   dinamics-release/1
 *   component=program
 *   version=1.4.0
 *   url=dinamics-1.4.0.jar
 *   size=18734112
 *   sha256=9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08
 * </pre>
 *
 * @param component {@link #PROGRAM} or {@link #WEB}
 * @param version the release's semantic version
 * @param url where the file is: absolute ({@code https://}) or relative to the manifest's URL
 * @param sizeBytes the file's exact size
 * @param sha256 the file's SHA-256, 64 lower-case hex digits
 * @param signature the Ed25519 signature of {@link #canonicalBytes()}, base64; empty while unsigned
 */
public record Release(String component, String version, String url, long sizeBytes, String sha256,
        String signature) {

    /** The component of the program jar. */
    public static final String PROGRAM = "program";
    /** The component of the web UI asset bundle (a zip). */
    public static final String WEB = "web";
    /** The first line of the signed text; a future format changes it. */
    public static final String CANONICAL_HEADER = "dinamics-release/1";
    /** The signature algorithm (the JDK's built-in provider). */
    public static final String ALGORITHM = "Ed25519";

    private static final Pattern SHA256_HEX = Pattern.compile("^[0-9a-f]{64}$");
    private static final Pattern URL_CHARS = Pattern.compile("^[\\x21-\\x7e]{1,2048}$");
    private static final int SIGNATURE_BYTES = 64;

    /**
     * Checks every field.
     *
     * @param component the component
     * @param version the version
     * @param url the URL
     * @param sizeBytes the size
     * @param sha256 the hash
     * @param signature the signature, base64, or empty
     * @throws IllegalArgumentException naming the first bad field
     */
    public Release {
        if (!PROGRAM.equals(component) && !WEB.equals(component)) {
            throw new IllegalArgumentException("component must be program or web: " + component);
        }
        if (!SemVer.isValid(version)) {
            throw new IllegalArgumentException("version is not a semantic version: " + version);
        }
        if (url == null || !URL_CHARS.matcher(url).matches()) {
            throw new IllegalArgumentException("url must be 1..2048 printable ASCII characters without spaces");
        }
        if (sizeBytes <= 0) {
            throw new IllegalArgumentException("size must be positive: " + sizeBytes);
        }
        if (sha256 == null || !SHA256_HEX.matcher(sha256).matches()) {
            throw new IllegalArgumentException("sha256 must be 64 lower-case hex digits");
        }
        if (signature == null) {
            throw new IllegalArgumentException("signature missing");
        }
    }

    /**
     * Returns the exact bytes the signature covers (see the class comment).
     *
     * @return the canonical form, UTF-8
     */
    public byte[] canonicalBytes() {
        String text = CANONICAL_HEADER + "\n"
                + "component=" + component + "\n"
                + "version=" + version + "\n"
                + "url=" + url + "\n"
                + "size=" + sizeBytes + "\n"
                + "sha256=" + sha256 + "\n";
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Returns this release signed with a private key.
     *
     * @param key an Ed25519 private key
     * @return a copy carrying the signature
     * @throws GeneralSecurityException when the key cannot sign
     */
    public Release signedWith(PrivateKey key) throws GeneralSecurityException {
        Signature signer = Signature.getInstance(ALGORITHM);
        signer.initSign(key);
        signer.update(canonicalBytes());
        String sig = Base64.getEncoder().encodeToString(signer.sign());
        return new Release(component, version, url, sizeBytes, sha256, sig);
    }

    /**
     * Tells whether the signature is the key owner's signature of these exact fields.
     *
     * @param key an Ed25519 public key
     * @return true when it verifies; false for a wrong, malformed or missing signature
     */
    public boolean verifies(PublicKey key) {
        byte[] sig;
        try {
            sig = Base64.getDecoder().decode(signature);
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (sig.length != SIGNATURE_BYTES) {
            return false;
        }
        try {
            Signature verifier = Signature.getInstance(ALGORITHM);
            verifier.initVerify(key);
            verifier.update(canonicalBytes());
            return verifier.verify(sig);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /**
     * Returns the version, parsed.
     *
     * @return the semantic version
     */
    public SemVer semVer() {
        return SemVer.parse(version);
    }
}
