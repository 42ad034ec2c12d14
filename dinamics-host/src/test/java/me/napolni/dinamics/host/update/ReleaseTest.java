package me.napolni.dinamics.host.update;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReleaseTest {

    private static final String HASH = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    @Test
    void shouldSignTheDocumentedCanonicalTextWhenSigning() {
        Release release = new Release("program", "1.4.0", "dinamics-1.4.0.jar", 18734112, HASH, "");
        String expected = "dinamics-release/1\ncomponent=program\nversion=1.4.0\nurl=dinamics-1.4.0.jar\n"
                + "size=18734112\nsha256=" + HASH + "\n";
        assertEquals(expected, new String(release.canonicalBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void shouldRejectFieldWhenItCouldBreakTheCanonicalForm() {
        assertThrows(IllegalArgumentException.class, () -> new Release("program", "1.4.0", "a\nsize=1", 1, HASH, ""));
        assertThrows(IllegalArgumentException.class, () -> new Release("program", "1.4.0\n", "a", 1, HASH, ""));
        assertThrows(IllegalArgumentException.class, () -> new Release("firmware", "1.4.0", "a", 1, HASH, ""));
        assertThrows(IllegalArgumentException.class, () -> new Release("program", "1.4.0", "a", 0, HASH, ""));
        assertThrows(IllegalArgumentException.class, () -> new Release("program", "1.4.0", "a", 1,
                HASH.toUpperCase(java.util.Locale.ROOT), ""));
    }

    @Test
    void shouldNotVerifyWhenSignatureIsMalformed() {
        Release release = new Release("web", "1.0.0", "w.zip", 1, HASH, "not base64 !");
        assertTrue(!release.verifies(Fixtures.KEYS.getPublic()));
        Release empty = new Release("web", "1.0.0", "w.zip", 1, HASH, "");
        assertTrue(!empty.verifies(Fixtures.KEYS.getPublic()));
    }

    @Test
    void shouldRejectManifestWhenSameComponentAppearsTwice() {
        Release one = Fixtures.signed(Release.WEB, "1.0.0", "a.zip", new byte[] {1});
        UpdateException e = assertThrows(UpdateException.class,
                () -> ManifestCodec.parse(Fixtures.manifest(one, one)));
        assertEquals(UpdateException.BAD_MANIFEST, e.word());
    }

    @Test
    void shouldAcceptRawPublicKeyWhenConfigGivesThirtyTwoBytes() {
        byte[] encoded = Fixtures.KEYS.getPublic().getEncoded();
        byte[] raw = java.util.Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
        Release signed = Fixtures.signed(Release.PROGRAM, "1.0.0", "a.jar", new byte[] {1});
        assertTrue(signed.verifies(ReleaseKeys.publicKey(java.util.Base64.getEncoder().encodeToString(raw))));
    }

    @Test
    void shouldListProblemsWhenUpdateConfigIsWrong() {
        assertEquals(2, UpdateConfig.problems("http://example.org/m.json", "bm90IGEga2V5").size());
        assertTrue(UpdateConfig.problems("http://127.0.0.1:8080/m.json",
                ReleaseKeys.encode(Fixtures.KEYS.getPublic())).isEmpty(), "plain http only on loopback");
        assertEquals(1, UpdateConfig.problems("https://example.org/m.json", null).size(), "both or neither");
    }
}
