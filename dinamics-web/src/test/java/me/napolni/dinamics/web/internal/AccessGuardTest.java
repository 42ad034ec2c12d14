package me.napolni.dinamics.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AccessGuardTest {

    private static WebRequest request(boolean loopback, String... headers) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < headers.length; i += 2) {
            map.put(headers[i], headers[i + 1]);
        }
        return WebRequest.of("GET", "/api/status", map, loopback);
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.0.0.1:8080", "localhost:80", "LOCALHOST", "[::1]:8080", "127.1.2.3"})
    void shouldTreatHostAsLoopbackWhenItNamesThisMachine(String host) {
        assertTrue(AccessGuard.isLoopbackHost(host), host);
    }

    @ParameterizedTest
    @ValueSource(strings = {"evil.example", "127.0.0.1.evil.example", "localhost.evil.example:80", "192.168.1.5",
        "[::2]:80", "", "128.0.0.1"})
    void shouldNotTreatHostAsLoopbackWhenItNamesAnotherMachine(String host) {
        assertFalse(AccessGuard.isLoopbackHost(host), host);
    }

    @Test
    void shouldOpenReadsOnlyForLoopbackPeerWithLoopbackHost() {
        AccessGuard open = new AccessGuard(() -> "t0ken", true);
        assertTrue(open.mayRead(request(true, "host", "127.0.0.1:8080")));
        assertFalse(open.mayRead(request(false, "host", "127.0.0.1:8080")), "a remote peer");
        assertFalse(open.mayRead(request(true, "host", "evil.example:8080")), "a rebound DNS name");
        assertFalse(open.mayWrite(request(true, "host", "127.0.0.1:8080")), "writes need the token");
        AccessGuard closed = new AccessGuard(() -> "t0ken", false);
        assertFalse(closed.mayRead(request(true, "host", "127.0.0.1:8080")));
    }

    @Test
    void shouldAcceptBearerCaseInsensitivelyAndOnlyTheExactToken() {
        AccessGuard guard = new AccessGuard(() -> "t0ken", false);
        assertTrue(guard.hasCredential(request(false, "authorization", "Bearer t0ken")));
        assertTrue(guard.hasCredential(request(false, "authorization", "bearer t0ken")));
        assertFalse(guard.hasCredential(request(false, "authorization", "Bearer t0ke")));
        assertFalse(guard.hasCredential(request(false, "authorization", "Basic dDBrZW4=")));
        assertFalse(guard.hasCredential(request(false, "authorization", "Bearer ")));
        assertFalse(guard.hasCredential(request(false)));
    }

    @Test
    void shouldEndSessionsWhenTokenChanges() {
        AtomicReference<String> token = new AtomicReference<>("first");
        AccessGuard guard = new AccessGuard(token::get, false);
        String session = guard.sessionValue();
        assertTrue(guard.hasCredential(request(false, "cookie", "a=b; dinamics_session=" + session)));
        token.set("second");
        assertNotEquals(session, guard.sessionValue());
        assertFalse(guard.hasCredential(request(false, "cookie", "dinamics_session=" + session)));
        assertFalse(new AccessGuard(token::get, false).hasCredential(
                request(false, "cookie", "dinamics_session=" + guard.sessionValue())), "another start, another key");
    }

    @Test
    void shouldRefuseEverythingWhenNoTokenIsSet() {
        AccessGuard guard = new AccessGuard(() -> "", false);
        assertFalse(guard.tokenMatches(""));
        assertEquals(null, guard.sessionValue());
        assertFalse(guard.hasCredential(request(false, "cookie", "dinamics_session=")));
    }

    @Test
    void shouldAllowWritesOnlyFromOwnOrigin() {
        assertTrue(AccessGuard.isSameOrigin(request(false, "host", "gw:8080")), "curl sends no Origin");
        assertTrue(AccessGuard.isSameOrigin(request(false, "host", "gw:8080", "origin", "http://gw:8080",
                "sec-fetch-site", "same-origin")));
        assertFalse(AccessGuard.isSameOrigin(request(false, "host", "gw:8080", "origin", "http://evil.example")));
        assertFalse(AccessGuard.isSameOrigin(request(false, "host", "gw:8080", "origin", "null")));
        assertFalse(AccessGuard.isSameOrigin(request(false, "host", "gw:8080", "sec-fetch-site", "cross-site")));
        assertFalse(AccessGuard.isSameOrigin(request(false, "host", "gw:8080", "sec-fetch-site", "same-site")));
    }
}
