package me.napolni.dinamics.host.update;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Where the update writes its bytes: a seam so tests can make the disk fill up at a chosen byte.
 */
interface UpdateStorage {

    /** The real file system. */
    UpdateStorage FILE_SYSTEM = new UpdateStorage() {
        @Override
        public OutputStream create(Path file) throws IOException {
            return Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        }

        @Override
        public long usableBytes(Path directory) throws IOException {
            return Files.getFileStore(directory).getUsableSpace();
        }
    };

    /**
     * Creates a new file for writing.
     *
     * @param file the file, which must not exist
     * @return its stream
     * @throws IOException when it cannot be created or written (a full disk)
     */
    OutputStream create(Path file) throws IOException;

    /**
     * Returns the space left where a directory lives.
     *
     * @param directory an existing directory
     * @return usable bytes
     * @throws IOException when it cannot be found out
     */
    long usableBytes(Path directory) throws IOException;
}
