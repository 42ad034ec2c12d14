package me.napolni.dinamics.host.update;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.strings;

class WebBundleTest {

    private static final long SEED = 0x5EEDL;
    private static final Path ROOT = Path.of("/srv/bundle").toAbsolutePath().normalize();

    @TempDir
    Path temp;

    @ParameterizedTest
    @ValueSource(strings = {"../evil", "a/../../evil", "/etc/passwd", "a\\..\\evil", "C:evil", "a//b", "./a", "a/./b",
        "..", ".", "", "a b", "na\u00efve.txt", "a/\u0000b", "\u202eevil"})
    void shouldRejectEntryNameWhenItIsUnsafe(String name) {
        UpdateException e = assertThrows(UpdateException.class, () -> WebBundle.checkedTarget(ROOT, name));
        assertEquals(UpdateException.BAD_MANIFEST, e.word());
    }

    @ParameterizedTest
    @ValueSource(strings = {"index.html", "js/app.js", "css/", "img/logo@2x.png", "a-b_c~d+e.txt", "..hidden",
        "a..b"})
    void shouldAcceptEntryNameWhenItIsPlainRelativePath(String name) throws UpdateException {
        assertTrue(WebBundle.checkedTarget(ROOT, name).startsWith(ROOT));
    }

    @Test
    void shouldNeverResolveOutsideTheDirectoryWhenNameIsArbitrary() {
        qt().withFixedSeed(SEED)
            .forAll(strings().basicLatinAlphabet().ofLengthBetween(0, 24))
            .checkAssert(name -> {
                try {
                    Path target = WebBundle.checkedTarget(ROOT, name);
                    assertTrue(target.startsWith(ROOT) && !target.equals(ROOT), name);
                } catch (UpdateException e) {
                    assertEquals(UpdateException.BAD_MANIFEST, e.word());
                }
            });
    }

    @Test
    void shouldRejectBundleWhenNameAppearsTwice() throws Exception {
        Path zip = temp.resolve("dup.zip");
        // ZipOutputStream refuses the same name twice, but a directory entry and a file of one name collide too
        java.nio.file.Files.write(zip, Fixtures.zip(new java.util.LinkedHashMap<>(java.util.Map.of(
                "index.html", "x", "index.html/", ""))));
        UpdateException e = assertThrows(UpdateException.class,
                () -> WebBundle.unpack(zip, temp.resolve("out"), 1 << 20, UpdateStorage.FILE_SYSTEM));
        assertEquals(UpdateException.BAD_MANIFEST, e.word());
    }
}
