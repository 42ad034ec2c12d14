package me.napolni.dinamics.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * Reads and writes JSON as plain Java values ({@code Map}, {@code List}, {@code String}, {@code Number},
 * {@code Boolean}, {@code null}): the one class of the module that knows Jackson.
 */
final class JsonFiles {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonFiles() {
    }

    /**
     * Reads a JSON file.
     *
     * @param file the file
     * @return its value as plain Java values
     * @throws IOException when it cannot be read or is not JSON
     */
    static Object read(Path file) throws IOException {
        return MAPPER.readValue(file.toFile(), Object.class);
    }

    /**
     * Parses JSON text.
     *
     * @param json the text
     * @return its value as plain Java values
     * @throws IOException when it is not JSON
     */
    static Object parse(String json) throws IOException {
        return MAPPER.readValue(json, Object.class);
    }

    /**
     * Writes a value as indented JSON, creating the parent folders.
     *
     * @param file the file
     * @param value plain Java values
     * @throws IOException when it cannot be written
     */
    static void write(Path file, Object value) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, MAPPER.writeValueAsString(value) + "\n");
    }
}
