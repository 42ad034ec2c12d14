package me.napolni.dinamics.web.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Who may read and who may change. A request proves itself with the token as a bearer header, or with the session
 * cookie the login form sets. The cookie holds an HMAC of the token under a key made at start, not the token:
 * changing the token or restarting ends every session. Comparisons run in constant time over SHA-256 digests, so
 * neither content nor length leaks.
 */
final class AccessGuard {

    static final String SESSION_COOKIE = "dinamics_session";
    private static final String BEARER = "bearer ";
    private static final String HMAC = "HmacSHA256";

    private final Supplier<String> token;
    private final boolean openOnLoopback;
    private final byte[] sessionKey = new byte[32];

    AccessGuard(Supplier<String> token, boolean openOnLoopback) {
        this.token = token;
        this.openOnLoopback = openOnLoopback;
        new SecureRandom().nextBytes(sessionKey);
    }

    /** Reading: a credential, or a local browser when loopback is open. */
    boolean mayRead(WebRequest request) {
        return hasCredential(request) || isOpenLoopback(request);
    }

    /** Changing: always a credential, and never from another site's page. */
    boolean mayWrite(WebRequest request) {
        return hasCredential(request) && isSameOrigin(request);
    }

    boolean hasCredential(WebRequest request) {
        String authorization = request.header("authorization");
        if (authorization != null && authorization.length() > BEARER.length()
                && authorization.substring(0, BEARER.length()).toLowerCase(Locale.ROOT).equals(BEARER)) {
            return tokenMatches(authorization.substring(BEARER.length()).trim());
        }
        String cookie = request.cookies().get(SESSION_COOKIE);
        String expected = sessionValue();
        return cookie != null && expected != null && constantTimeEquals(cookie, expected);
    }

    boolean tokenMatches(String candidate) {
        String current = token.get();
        if (current == null || current.isEmpty() || candidate == null) {
            return false;
        }
        return constantTimeEquals(candidate, current);
    }

    /** The session cookie's value for the token now in force, or null when no token is set. */
    String sessionValue() {
        String current = token.get();
        if (current == null || current.isEmpty()) {
            return null;
        }
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(sessionKey, HMAC));
            byte[] tag = mac.doFinal(current.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(tag);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    /**
     * Open loopback needs both a loopback peer and a loopback {@code Host}: a page from elsewhere that rebinds its
     * DNS name to 127.0.0.1 still sends its own name as Host.
     */
    boolean isOpenLoopback(WebRequest request) {
        return openOnLoopback && request.loopbackPeer() && isLoopbackHost(request.header("host"));
    }

    /**
     * A browser names the page that sent a request in {@code Origin} (and {@code Sec-Fetch-Site}); it must be this
     * server. Tools such as curl send neither and pass.
     */
    static boolean isSameOrigin(WebRequest request) {
        String site = request.header("sec-fetch-site");
        if (site != null && !site.equals("same-origin") && !site.equals("none")) {
            return false;
        }
        String origin = request.header("origin");
        if (origin == null) {
            return true;
        }
        String host = request.header("host");
        return host != null && (origin.equals("http://" + host) || origin.equals("https://" + host));
    }

    static boolean isLoopbackHost(String host) {
        if (host == null) {
            return false;
        }
        String name = host;
        if (name.startsWith("[")) {
            int close = name.indexOf(']');
            name = close < 0 ? name : name.substring(1, close);
        } else {
            int colon = name.lastIndexOf(':');
            name = colon < 0 ? name : name.substring(0, colon);
        }
        name = name.toLowerCase(Locale.ROOT);
        return name.equals("localhost") || name.equals("::1") || name.matches("127(\\.[0-9]{1,3}){3}");
    }

    private static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(sha256(a), sha256(b));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
