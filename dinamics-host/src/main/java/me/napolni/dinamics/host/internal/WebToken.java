package me.napolni.dinamics.host.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The web UI's access token: made at the first start, kept in the data folder (owner-only), printed once.
 */
public final class WebToken {

    /** The file in the data folder. */
    public static final String FILE_NAME = "web-token";
    private static final int TOKEN_BYTES = 24;

    private WebToken() {
    }

    /**
     * The outcome of {@link #loadOrCreate(Path)}.
     *
     * @param token the token
     * @param created true when it was made just now (and should be printed once)
     */
    public record Token(String token, boolean created) {
    }

    /**
     * Reads the token, or makes and saves one.
     *
     * @param dataDir the data folder
     * @return the token
     * @throws IOException when the folder cannot be written
     */
    public static Token loadOrCreate(Path dataDir) throws IOException {
        Path file = dataDir.resolve(FILE_NAME);
        if (Files.exists(file)) {
            String token = Files.readString(file, StandardCharsets.US_ASCII).trim();
            if (token.length() >= 16) {
                return new Token(token, false);
            }
        }
        byte[] bytes = new byte[TOKEN_BYTES];
        new SecureRandom().nextBytes(bytes);
        String token = HexFormat.of().formatHex(bytes);
        Files.createDirectories(dataDir);
        Path temp = dataDir.resolve(FILE_NAME + ".tmp");
        Files.deleteIfExists(temp);
        try {
            Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException | FileAlreadyExistsException e) {
            Files.deleteIfExists(temp);
            Files.createFile(temp);
        }
        Files.writeString(temp, token, StandardCharsets.US_ASCII);
        Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return new Token(token, true);
    }
}
