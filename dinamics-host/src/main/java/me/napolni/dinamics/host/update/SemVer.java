package me.napolni.dinamics.host.update;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A semantic version ({@code MAJOR.MINOR.PATCH[-PRE][+BUILD]}, semver.org 2.0.0) ordered by precedence: build
 * metadata is ignored, a pre-release sorts before its release, pre-release identifiers compare numerically when both
 * are numbers and in ASCII order otherwise, and a longer identifier list wins when all shared ones are equal.
 *
 * @param major the major version
 * @param minor the minor version
 * @param patch the patch version
 * @param preRelease the dot-separated pre-release identifiers, empty for a release
 * @param text the version as written
 */
public record SemVer(long major, long minor, long patch, List<String> preRelease, String text)
        implements Comparable<SemVer> {

    private static final String NUMBER = "(0|[1-9][0-9]{0,17})";
    private static final String IDENT = "(?:0|[1-9][0-9]{0,17}|[0-9]*[A-Za-z-][0-9A-Za-z-]*)";
    private static final Pattern PATTERN = Pattern.compile("^" + NUMBER + "\\." + NUMBER + "\\." + NUMBER
            + "(?:-(" + IDENT + "(?:\\." + IDENT + ")*))?(?:\\+([0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*))?$");
    private static final int MAX_LENGTH = 64;

    /**
     * Copies the identifier list.
     *
     * @param major the major version
     * @param minor the minor version
     * @param patch the patch version
     * @param preRelease the pre-release identifiers
     * @param text the version as written
     */
    public SemVer {
        preRelease = List.copyOf(preRelease);
    }

    /**
     * Parses a version.
     *
     * @param text e.g. {@code 1.4.0} or {@code 2.0.0-rc.1+build.5}
     * @return the version
     * @throws IllegalArgumentException when the text is not a semantic version
     */
    public static SemVer parse(String text) {
        if (text == null || text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("not a semantic version: " + text);
        }
        Matcher m = PATTERN.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a semantic version: " + text);
        }
        List<String> pre = m.group(4) == null ? List.of() : List.of(m.group(4).split("\\."));
        return new SemVer(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3)), pre,
                text);
    }

    /**
     * Tells whether a text is a semantic version.
     *
     * @param text the text
     * @return true when {@link #parse(String)} accepts it
     */
    public static boolean isValid(String text) {
        return text != null && text.length() <= MAX_LENGTH && PATTERN.matcher(text).matches();
    }

    /**
     * Tells whether this version has strictly higher precedence than another.
     *
     * @param other the other version
     * @return true when newer
     */
    public boolean isNewerThan(SemVer other) {
        return compareTo(other) > 0;
    }

    @Override
    public int compareTo(SemVer other) {
        int c = Long.compare(major, other.major);
        if (c == 0) {
            c = Long.compare(minor, other.minor);
        }
        if (c == 0) {
            c = Long.compare(patch, other.patch);
        }
        if (c != 0) {
            return c;
        }
        if (preRelease.isEmpty() || other.preRelease.isEmpty()) {
            return Boolean.compare(preRelease.isEmpty(), other.preRelease.isEmpty());
        }
        int shared = Math.min(preRelease.size(), other.preRelease.size());
        for (int i = 0; i < shared; i++) {
            c = compareIdentifiers(preRelease.get(i), other.preRelease.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(preRelease.size(), other.preRelease.size());
    }

    private static int compareIdentifiers(String a, String b) {
        boolean aNumeric = isNumeric(a);
        boolean bNumeric = isNumeric(b);
        if (aNumeric && bNumeric) {
            return Long.compare(Long.parseLong(a), Long.parseLong(b));
        }
        if (aNumeric != bNumeric) {
            return aNumeric ? -1 : 1;                   // numeric identifiers sort before alphanumeric ones
        }
        return Integer.signum(a.compareTo(b));
    }

    private static boolean isNumeric(String identifier) {
        for (int i = 0; i < identifier.length(); i++) {
            char ch = identifier.charAt(i);
            if (ch < '0' || ch > '9') {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return text;
    }
}
