package me.napolni.dinamics.host.update;

import me.napolni.dinamics.core.time.NanoClock;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.OptionalLong;
import java.util.function.LongConsumer;

/**
 * Fetches manifests and release files over HTTPS (the JDK's {@link HttpClient} stays in this class), never trusting
 * the server about sizes: reading stops one byte past what the signed manifest allows.
 */
final class Downloader {

    private static final int BUFFER_BYTES = 64 * 1024;

    private final HttpClient client;
    private final Duration timeout;
    private final long timeoutMs;
    private final NanoClock clock;

    /**
     * Creates a downloader.
     *
     * @param timeoutMs connect and response-header timeout, and the longest pause in a body
     * @param clock the clock body pauses are measured on
     */
    Downloader(long timeoutMs, NanoClock clock) {
        this.timeoutMs = timeoutMs;
        this.clock = clock;
        this.timeout = Duration.ofMillis(timeoutMs);
        this.client = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NORMAL)      // never from https to http
                .build();
    }

    /**
     * Fetches a small document whole.
     *
     * @param uri where
     * @param maxBytes the most bytes accepted
     * @return the body
     * @throws UpdateException {@code network}, {@code http_<status>}, or {@code bad_manifest} when longer than allowed
     */
    byte[] fetch(URI uri, int maxBytes) throws UpdateException {
        try (StallGuard in = new StallGuard(open(uri), timeoutMs, clock)) {
            byte[] body;
            try {
                body = in.readNBytes(maxBytes + 1);
            } catch (IOException e) {
                throw new UpdateException(UpdateException.NETWORK, uri + (in.stalled() ? ": no data for "
                        + timeoutMs + " ms" : ": " + e), e);
            }
            if (body.length > maxBytes) {
                throw new UpdateException(UpdateException.BAD_MANIFEST, "manifest longer than " + maxBytes + " bytes");
            }
            return body;
        } catch (UpdateException e) {
            throw e;
        } catch (IOException e) {
            throw new UpdateException(UpdateException.NETWORK, uri + ": " + e, e);
        }
    }

    /**
     * Streams a release file into {@code out}, hashing it.
     *
     * @param uri where
     * @param expectedBytes the signed size
     * @param out where the bytes go
     * @param progress called with the byte count so far after each chunk
     * @return the SHA-256 of exactly the bytes written, hex
     * @throws UpdateException {@code network}, {@code http_<status>}, {@code size_mismatch}, or {@code disk_full}
     *                         when {@code out} fails
     */
    String download(URI uri, long expectedBytes, OutputStream out, LongConsumer progress) throws UpdateException {
        MessageDigest digest = sha256();
        byte[] buffer = new byte[BUFFER_BYTES];
        long total = 0;
        try (StallGuard in = new StallGuard(open(uri, expectedBytes), timeoutMs, clock)) {
            while (true) {
                int n;
                try {
                    n = in.read(buffer);
                } catch (IOException e) {
                    throw new UpdateException(UpdateException.NETWORK, "download broke after " + total + " bytes: "
                            + (in.stalled() ? "no data for " + timeoutMs + " ms" : e.getMessage()), e);
                }
                if (n < 0) {
                    break;
                }
                total += n;
                if (total > expectedBytes) {
                    throw new UpdateException(UpdateException.SIZE_MISMATCH, "more than the signed "
                            + expectedBytes + " bytes");
                }
                digest.update(buffer, 0, n);
                try {
                    out.write(buffer, 0, n);
                } catch (IOException e) {
                    throw new UpdateException(UpdateException.DISK_FULL, "cannot stage: " + e.getMessage(), e);
                }
                progress.accept(total);
            }
        } catch (UpdateException e) {
            throw e;
        } catch (IOException e) {
            throw new UpdateException(UpdateException.NETWORK, uri + ": " + e, e);
        }
        if (total != expectedBytes) {
            throw new UpdateException(UpdateException.SIZE_MISMATCH, "got " + total + " of the signed "
                    + expectedBytes + " bytes");
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /**
     * Returns a SHA-256 digest.
     *
     * @return a new digest
     */
    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private InputStream open(URI uri) throws UpdateException {
        return open(uri, -1);
    }

    private InputStream open(URI uri, long expectedBytes) throws UpdateException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
        HttpResponse<InputStream> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new UpdateException(UpdateException.NETWORK, uri + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UpdateException(UpdateException.NETWORK, uri + ": interrupted", e);
        }
        InputStream body = response.body();
        try {
            if (response.statusCode() != 200) {
                throw new UpdateException(UpdateException.httpWord(response.statusCode()), uri.toString());
            }
            if (!UpdateConfig.allowedUrl(response.uri())) {
                throw new UpdateException(UpdateException.NETWORK, "redirected to a disallowed URL " + response.uri());
            }
            OptionalLong length = response.headers().firstValueAsLong("Content-Length");
            if (expectedBytes >= 0 && length.isPresent() && length.getAsLong() != expectedBytes) {
                throw new UpdateException(UpdateException.SIZE_MISMATCH, "server announces " + length.getAsLong()
                        + " bytes, the signed size is " + expectedBytes);
            }
            return body;
        } catch (UpdateException e) {
            try {
                body.close();
            } catch (IOException ignored) {
                // the failure reported is the status, not the close
            }
            throw e;
        }
    }
}
