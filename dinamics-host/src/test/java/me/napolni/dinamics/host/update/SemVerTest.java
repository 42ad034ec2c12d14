package me.napolni.dinamics.host.update;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

class SemVerTest {

    private static final long SEED = 0x5EEDL;

    /** semver.org's own example of precedence, lowest first, plus numeric (not text) order of each part. */
    private static final List<String> ASCENDING = List.of("0.9.9", "1.0.0-alpha", "1.0.0-alpha.1",
            "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "1.0.1",
            "1.0.10", "1.2.0", "1.10.0", "2.0.0", "10.0.0");

    @Test
    void shouldOrderBySemverPrecedenceWhenVersionsDiffer() {
        for (int i = 0; i < ASCENDING.size(); i++) {
            for (int j = 0; j < ASCENDING.size(); j++) {
                SemVer a = SemVer.parse(ASCENDING.get(i));
                SemVer b = SemVer.parse(ASCENDING.get(j));
                assertEquals(Integer.compare(i, j), Integer.signum(a.compareTo(b)), a + " vs " + b);
                assertEquals(i > j, a.isNewerThan(b), a + " newer than " + b);
            }
        }
    }

    @Test
    void shouldIgnoreBuildMetadataWhenComparing() {
        assertEquals(0, SemVer.parse("1.2.3+build.7").compareTo(SemVer.parse("1.2.3+other")));
        assertFalse(SemVer.parse("1.2.3+build.7").isNewerThan(SemVer.parse("1.2.3")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1", "1.2", "1.2.3.4", "01.2.3", "1.02.3", "1.2.3-", "1.2.3-01", "1.2.3+", "v1.2.3",
        " 1.2.3", "1.2.3 ", "1.2.3\n", "-1.2.3", "1.2.3-a..b", "1..3", "1.2.x", "99999999999999999999.0.0"})
    void shouldRejectTextWhenItIsNotSemanticVersion(String text) {
        assertFalse(SemVer.isValid(text));
        assertThrows(IllegalArgumentException.class, () -> SemVer.parse(text));
    }

    @Test
    void shouldBeAntisymmetricAndAgreeWithNumbersWhenPartsAreArbitrary() {
        qt().withFixedSeed(SEED)
            .forAll(integers().between(0, 30), integers().between(0, 30), integers().between(0, 30),
                    integers().between(0, 30))
            .checkAssert((major, minor, patchA, patchB) -> {
                SemVer a = SemVer.parse(major + "." + minor + "." + patchA);
                SemVer b = SemVer.parse(major + "." + minor + "." + patchB);
                assertEquals(Integer.signum(a.compareTo(b)), -Integer.signum(b.compareTo(a)));
                assertEquals(Integer.signum(Integer.compare(patchA, patchB)), Integer.signum(a.compareTo(b)));
                SemVer pre = SemVer.parse(major + "." + minor + "." + patchA + "-rc." + patchB);
                assertTrue(a.isNewerThan(pre), "a release is newer than its pre-releases");
            });
    }
}
